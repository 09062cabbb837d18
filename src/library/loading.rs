//! Load first: [`Library::load`] reads everything one reply needs once, into [`Loaded`].
//! The library's shared files — `jurisdictions.yaml`, `links.yaml`, `rules.yaml` and the
//! frames — are each loaded by one function that returns its value and every problem found,
//! located. `compose`, `show` and `links` refuse a file with any problem
//! ([`Loading::into_result`]); `check` reports them all and goes on with the value, so both
//! judge a library by the same code.

use anyhow::Result;

use crate::error::{BadInput, Located};
use crate::library::jurisdictions::Jurisdictions;
use crate::library::registry::LinkRegistry;
use crate::library::rules::{self, Rules, RulesFile};
use crate::library::{
    FRAMES, JURISDICTIONS, LINKS, Library, Loaded, LoadedSnippet, RULES, Source,
    jurisdictions_file, yaml,
};

/// A shared file as loaded.
#[derive(Debug, Clone)]
pub struct Loading<T> {
    /// What the file holds; when it is broken, a stand-in `check` can go on with (the
    /// built-in jurisdictions, no rules, no links).
    pub value: T,
    /// The file as read, when there was one.
    pub source: Option<Source>,
    /// Every problem, in file order; none for a sound file.
    pub problems: Vec<Located>,
}

impl<T> Loading<T> {
    fn sound(value: T, source: Option<Source>) -> Self {
        Loading {
            value,
            source,
            problems: Vec::new(),
        }
    }

    /// A file that was read, with what is wrong in it; `value` is what `check` goes on with.
    fn with_problems(value: T, source: Source, problems: Vec<Located>) -> Self {
        Loading {
            value,
            source: Some(source),
            problems,
        }
    }

    /// The value of a sound file; else its first problem, saying how many more there are.
    pub fn into_result(self) -> Result<T, Located> {
        let mut problems = self.problems.into_iter();
        let Some(mut first) = problems.next() else {
            return Ok(self.value);
        };
        match problems.count() {
            0 => {}
            more => first.message.push_str(&format!(
                " (and {more} more problem{} in this file; `hotline-reply check` lists them all)",
                if more == 1 { "" } else { "s" }
            )),
        }
        Err(first)
    }
}

/// A frame of [`FRAMES`], by its name (`text`), so nothing depends on which frames loaded.
pub type Frame = (&'static str, Source);

impl Library {
    /// Reads what a reply from snippets `ids` needs. A snippet named twice is used once.
    pub fn load(&self, ids: &[String]) -> Result<Loaded> {
        if ids.is_empty() {
            return Err(BadInput::new(
                "name at least one snippet; `hotline-reply list` shows them",
            )
            .into());
        }
        let mut snippets: Vec<LoadedSnippet> = Vec::new();
        let mut notes = Vec::new();
        for id in ids {
            let snippet = self.load_snippet(id)?;
            if snippets
                .iter()
                .any(|s| s.source.origin == snippet.source.origin)
            {
                let note = format!(
                    "snippet '{}' is named more than once; its text is in the reply once",
                    snippet.id
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
                continue;
            }
            snippets.push(snippet);
        }
        let links = self.load_links();
        let links_origin = links.source.as_ref().map(|s| s.origin.clone());
        // Every frame loaded when none has a problem, in the order of FRAMES.
        let frames = self.load_frames().into_result()?;
        Ok(Loaded {
            snippets,
            links: links.into_result()?,
            links_origin,
            jurisdictions: self.jurisdictions()?,
            rules: self.rules()?,
            frames,
            notes,
        })
    }

    /// The library's guard rules; a library without `rules.yaml` has none (every capital
    /// word and bracket is refused).
    pub fn rules(&self) -> Result<Rules> {
        Ok(self.load_rules().into_result()?)
    }

    /// The link registry; a library without `links.yaml` has no links.
    pub fn links(&self) -> Result<LinkRegistry> {
        Ok(self.load_links().into_result()?)
    }

    /// The jurisdictions, checked: a list in which a name could mean two jurisdictions, or
    /// a slug is not a path segment, is refused. A folder without `jurisdictions.yaml` uses
    /// the built-in list.
    pub fn jurisdictions(&self) -> Result<Jurisdictions> {
        Ok(self.load_jurisdictions().into_result()?)
    }

    /// `jurisdictions.yaml`, parsed and checked ([`jurisdictions_file`]); a folder without
    /// one uses the built-in list.
    pub fn load_jurisdictions(&self) -> Loading<Jurisdictions> {
        // What `check` goes on with when the library's own list cannot be read at all.
        let stand_in = || match self {
            Library::BuiltIn => Jurisdictions {
                jurisdictions: Vec::new(),
            },
            Library::Dir(_) => Library::BuiltIn.load_jurisdictions().value,
        };
        let source = match self.read(JURISDICTIONS) {
            Ok(Some(source)) => source,
            Ok(None) if matches!(self, Library::Dir(_)) => {
                return Library::BuiltIn.load_jurisdictions();
            }
            Ok(None) => return self.missing_built_in(JURISDICTIONS, stand_in()),
            Err(err) => return self.unreadable(JURISDICTIONS, &err, stand_in()),
        };
        match jurisdictions_file::read(&source) {
            Ok((list, problems)) => Loading::with_problems(list, source, problems),
            Err(problem) => Loading::with_problems(stand_in(), source, vec![problem]),
        }
    }

    /// `links.yaml`; a library without one has no links.
    pub fn load_links(&self) -> Loading<LinkRegistry> {
        let source = match self.read(LINKS) {
            Ok(Some(source)) => source,
            Ok(None) => return Loading::sound(LinkRegistry::default(), None),
            Err(err) => return self.unreadable(LINKS, &err, LinkRegistry::default()),
        };
        match yaml::parse_source(&source) {
            Ok(registry) => Loading::sound(registry, Some(source)),
            Err(problem) => Loading::with_problems(LinkRegistry::default(), source, vec![problem]),
        }
    }

    /// `rules.yaml`, compiled, every bad pattern located; a library without one has no rules
    /// (every capital word and bracket is refused).
    pub fn load_rules(&self) -> Loading<Rules> {
        let source = match self.read(RULES) {
            Ok(Some(source)) => source,
            Ok(None) => return Loading::sound(Rules::default(), None),
            Err(err) => return self.unreadable(RULES, &err, Rules::default()),
        };
        let compiled = yaml::parse_source::<RulesFile>(&source)
            .map_err(|problem| vec![problem])
            .and_then(|file| rules::compile(file, &source.origin, &source.text));
        match compiled {
            Ok(rules) => Loading::sound(rules, Some(source)),
            Err(problems) => Loading::with_problems(Rules::default(), source, problems),
        }
    }

    /// Every frame of [`FRAMES`] that could be read, by name; each one missing or unreadable
    /// is a problem.
    pub fn load_frames(&self) -> Loading<Vec<Frame>> {
        let mut loading = Loading::sound(Vec::new(), None);
        for name in FRAMES {
            let file = format!("{name}.jinja");
            match self.read_template(&file) {
                Ok(Some(source)) => loading.value.push((*name, source)),
                Ok(None) => loading.problems.push(Located::new(
                    &self.origin_of(&format!("templates/{file}")),
                    None,
                    format!("the frame templates/{file} is missing from the library"),
                )),
                Err(err) => loading
                    .problems
                    .push(Located::from_error(&err, &format!("templates/{file}"))),
            }
        }
        loading
    }

    fn unreadable<T>(&self, rel: &str, err: &anyhow::Error, stand_in: T) -> Loading<T> {
        Loading {
            value: stand_in,
            source: None,
            problems: vec![Located::from_error(err, &self.origin_of(rel))],
        }
    }

    fn missing_built_in<T>(&self, rel: &str, stand_in: T) -> Loading<T> {
        Loading {
            value: stand_in,
            source: None,
            problems: vec![Located::new(
                &self.origin_of(rel),
                None,
                "the file is missing from the built-in library (a bug)",
            )],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let library = Library::Dir(dir.path().to_path_buf());
        (dir, library)
    }

    #[test]
    fn a_misleading_jurisdiction_list_is_refused_with_its_first_problem_and_the_count() {
        let (_dir, library) = folder(&[(
            "jurisdictions.yaml",
            "jurisdictions:\n  - { code: NY, name: New York }\n  - { code: NJ, name: New Jersey, aliases: [NY], slug: texas }\n  - { code: TX, name: Texas }\n",
        )]);
        let loading = library.load_jurisdictions();
        assert_eq!(loading.problems.len(), 2, "{:?}", loading.problems);
        let err = loading.into_result().unwrap_err();
        assert_eq!(err.location, Some((3, 7)));
        assert!(
            err.message
                .starts_with("NJ: its alias 'NY' is already the code of New York (NY)")
                && err.message.ends_with(
                    " (and 1 more problem in this file; `hotline-reply check` lists them all)"
                ),
            "{err}"
        );
        assert!(library.jurisdictions().is_err());
    }

    #[test]
    fn a_folder_without_registries_uses_the_built_in_list_and_has_no_links_or_rules() {
        let (_dir, library) = folder(&[]);
        let jurisdictions = library.load_jurisdictions();
        assert!(jurisdictions.problems.is_empty());
        assert_eq!(jurisdictions.value.jurisdictions.len(), 56);
        let links = library.load_links();
        assert!(links.problems.is_empty() && links.source.is_none());
        assert!(library.load_rules().into_result().is_ok());
    }

    /// A frame that cannot be read leaves the others under their own names.
    #[cfg(unix)]
    #[test]
    fn frames_are_kept_by_name_when_one_cannot_be_read() {
        let (dir, library) = folder(&[("templates/html.jinja", "{{ body }}")]);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("templates/text.jinja")).unwrap();
        let frames = library.load_frames();
        let names: Vec<&str> = frames.value.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["markdown", "html"]);
        assert_eq!(frames.value[1].1.text, "{{ body }}");
        assert_eq!(frames.problems.len(), 1);
        assert!(
            frames.problems[0].message.contains("character device"),
            "{:?}",
            frames.problems
        );
    }
}
