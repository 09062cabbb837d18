//! Work on every core: reading, parsing and checking a large library is work per file, and
//! the files are independent.

/// `work` on every item, on every core, results in the items' order. `stack` is the stack
/// each thread gets (rendering untrusted templates needs a deep one), or the default.
pub fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    stack: Option<usize>,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if workers < 2 || items.len() < 2 {
        return items.iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(workers);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let mut builder = std::thread::Builder::new();
                if let Some(bytes) = stack {
                    builder = builder.stack_size(bytes);
                }
                builder
                    .spawn_scoped(scope, move || part.iter().map(work).collect::<Vec<_>>())
                    .unwrap_or_else(|e| panic!("cannot start a worker thread: {e}"))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order() {
        let items: Vec<u32> = (0..1000).collect();
        let got = on_every_core(&items, None, |n| n * 2);
        assert_eq!(got, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }
}
