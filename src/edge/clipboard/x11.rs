//! The X11 clipboard server: the background copy of the program that owns the CLIPBOARD
//! selection and hands the reply to whoever pastes, until the first of: something else is
//! copied, the display goes away, or the hold time is up.
//!
//! Why not arboard, which the foreground uses to read the clipboard back: arboard 3.7's
//! `set().html(html, Some(plain))` stores two formats (`UTF8_STRING` and `text/html`, plus
//! `x-kde-passwordManagerHint` with `exclude_from_history`), and answers `TARGETS` with
//! `text/plain;charset=utf-8` and `text/plain;charset=UTF-8` as well, but serves a request only
//! when its target is exactly a stored format, so pasting those two targets fails ("target not
//! available"), and no arboard call stores a format under another name. And arboard's `wait()`
//! waits on a condition variable that a lost display never signals: when the X server dies,
//! arboard's request thread ends, and the waiting process holds the reply for good.
//! `wait_until(deadline)` would bound that, but by the monotonic clock alone (see
//! `sleep_until_held`), and still without the missing targets. Serving the selection here, on
//! one connection, fixes all of it in less code than working around arboard: every target in
//! `TARGETS` comes from the same table that answers requests, and the event loop ends when the
//! connection does.

use std::error::Error;
use std::time::{Duration, Instant, SystemTime};

use x11rb::connection::{Connection, RequestConnection as _};
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ConnectionExt as _, CreateWindowAux, EventMask, PropMode,
    SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent, Timestamp, Window,
    WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{COPY_DEPTH_FROM_PARENT, COPY_FROM_PARENT, NONE};

x11rb::atom_manager! {
    Atoms: AtomsCookie {
        CLIPBOARD,
        TARGETS,
        TIMESTAMP,
        UTF8_STRING,
        UTF8_MIME: b"text/plain;charset=utf-8",
        UTF8_MIME_UPPER: b"text/plain;charset=UTF-8",
        HTML: b"text/html",
        // The mark that KDE's Klipper and other clipboard managers read as "keep this out of the
        // history"; its value is the one arboard and KeePassXC use.
        HISTORY_HINT: b"x-kde-passwordManagerHint",
        // A property on our own window, changed once to learn the server's time.
        HOTLINE_REPLY_TIME,
    }
}

const HISTORY_HINT_VALUE: &[u8] = b"secret";

/// Serves the clipboard until the reply is no longer ours to serve: returns when something
/// else is copied or the display goes away, and exits the process when `hold` is up, whatever
/// the X server is doing. An error means it could not start.
pub fn serve(plain: &str, html: &str, hold: Duration) -> Result<(), Box<dyn Error>> {
    let started = (Instant::now(), SystemTime::now());
    let (conn, screen) = RustConnection::connect(None)?;
    // One ChangeProperty request carries a whole target: no INCR transfers, so nothing larger
    // than the server takes in one request (megabytes; a reply is kilobytes).
    if plain.len().max(html.len()) + 64 > conn.maximum_request_bytes() {
        return Err("the reply is too large for this X server".into());
    }
    let root = conn.setup().roots.get(screen).ok_or("no such screen")?.root;
    let atoms = Atoms::new(&conn)?.reply()?;
    let window = conn.generate_id()?;
    conn.create_window(
        COPY_DEPTH_FROM_PARENT,
        window,
        root,
        0,
        0,
        1,
        1,
        0,
        WindowClass::INPUT_ONLY,
        COPY_FROM_PARENT,
        &CreateWindowAux::new().event_mask(EventMask::PROPERTY_CHANGE),
    )?;
    let acquired = acquire(&conn, &atoms, window)?;

    std::thread::spawn(move || {
        sleep_until_held(started, hold);
        // Exits without a word to the X server, which may be stalled (a request, let alone a
        // round trip, could then wait for ever). Closing the connection is enough: the server
        // destroys our window, and the selection reverts to None if it is still ours (X11
        // protocol, SetSelectionOwner); whoever copied since keeps their copy.
        std::process::exit(0);
    });

    let content: [(Atom, &[u8]); 5] = [
        (atoms.UTF8_STRING, plain.as_bytes()),
        (atoms.UTF8_MIME, plain.as_bytes()),
        (atoms.UTF8_MIME_UPPER, plain.as_bytes()),
        (atoms.HTML, html.as_bytes()),
        (atoms.HISTORY_HINT, HISTORY_HINT_VALUE),
    ];
    // Exactly what is served. No SAVE_TARGETS: a clipboard manager is not asked to keep a copy.
    let targets: Vec<Atom> = [atoms.TARGETS, atoms.TIMESTAMP]
        .into_iter()
        .chain(content.iter().map(|(target, _)| *target))
        .collect();
    loop {
        // An error here is the connection ending (the X server died or closed it): there is
        // nobody left to serve. X errors about a requestor's window that vanished arrive as
        // events and are ignored.
        let Ok(event) = conn.wait_for_event() else {
            return Ok(());
        };
        match event {
            Event::SelectionClear(e) if e.selection == atoms.CLIPBOARD => return Ok(()),
            Event::SelectionRequest(request) => {
                let answer = if request.selection != atoms.CLIPBOARD {
                    Answer::Refuse
                } else if request.target == atoms.TARGETS {
                    Answer::Atoms(&targets)
                } else if request.target == atoms.TIMESTAMP {
                    Answer::Time(acquired)
                } else {
                    content
                        .iter()
                        .find(|(target, _)| *target == request.target)
                        .map_or(Answer::Refuse, |(_, bytes)| Answer::Bytes(bytes))
                };
                if reply(&conn, &request, answer).is_err() {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
}

/// Takes the CLIPBOARD selection with a real server time (ICCCM 2.1: never `CurrentTime`), so
/// that giving it up later cannot undo someone else's copy. Returns that time.
fn acquire(
    conn: &RustConnection,
    atoms: &Atoms,
    window: Window,
) -> Result<Timestamp, Box<dyn Error>> {
    // Appending nothing to a property of our own window still tells us when, in server time.
    conn.change_property8(
        PropMode::APPEND,
        window,
        atoms.HOTLINE_REPLY_TIME,
        AtomEnum::STRING,
        &[],
    )?;
    conn.flush()?;
    let time = loop {
        if let Event::PropertyNotify(e) = conn.wait_for_event()? {
            if e.window == window {
                break e.time;
            }
        }
    };
    conn.set_selection_owner(window, atoms.CLIPBOARD, time)?;
    if conn.get_selection_owner(atoms.CLIPBOARD)?.reply()?.owner != window {
        return Err("another program holds it".into());
    }
    Ok(time)
}

/// Waits until `hold` has passed by the monotonic clock or by the wall clock, whichever comes
/// first. The monotonic clock stops while the computer sleeps; a reply copied before closing a
/// laptop lid must still be gone soon after it is opened, not `hold` later.
fn sleep_until_held(started: (Instant, SystemTime), hold: Duration) {
    const CHECK_EVERY: Duration = Duration::from_secs(1);
    loop {
        let by_wall = started.1.elapsed().unwrap_or_default();
        let elapsed = started.0.elapsed().max(by_wall);
        let Some(left) = hold.checked_sub(elapsed).filter(|d| !d.is_zero()) else {
            return;
        };
        std::thread::sleep(left.min(CHECK_EVERY));
    }
}

enum Answer<'a> {
    Refuse,
    Atoms(&'a [Atom]),
    Time(Timestamp),
    Bytes(&'a [u8]),
}

/// Puts the answer in the requestor's property and tells it so (ICCCM 2.2).
fn reply(
    conn: &RustConnection,
    request: &SelectionRequestEvent,
    answer: Answer<'_>,
) -> Result<(), x11rb::errors::ConnectionError> {
    // A requestor that names no property is an obsolete client: ICCCM says use the target.
    let property = if request.property == NONE {
        request.target
    } else {
        request.property
    };
    let (mode, to) = (PropMode::REPLACE, request.requestor);
    let served = match answer {
        Answer::Refuse => false,
        Answer::Atoms(atoms) => {
            conn.change_property32(mode, to, property, AtomEnum::ATOM, atoms)?;
            true
        }
        Answer::Time(time) => {
            conn.change_property32(mode, to, property, AtomEnum::INTEGER, &[time])?;
            true
        }
        Answer::Bytes(bytes) => {
            conn.change_property8(mode, to, property, request.target, bytes)?;
            true
        }
    };
    let notify = SelectionNotifyEvent {
        response_type: SELECTION_NOTIFY_EVENT,
        sequence: 0,
        time: request.time,
        requestor: request.requestor,
        selection: request.selection,
        target: request.target,
        property: if served { property } else { NONE },
    };
    conn.send_event(false, request.requestor, EventMask::NO_EVENT, notify)?;
    conn.flush()
}
