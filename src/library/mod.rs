//! Where snippets, links and jurisdictions come from: the library built into the binary, or
//! a folder (`--library DIR`). Loading one snippet reads only that file and the two
//! registries; nothing else is parsed.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::clean::strip_unsafe_chars;
use crate::error::Located;
use crate::error::{BadInput, UnknownSnippet};
use crate::library::files::{Input, Limit};
use crate::library::jurisdictions::Jurisdictions;
use crate::library::registry::LinkRegistry;
use crate::library::rules::Rules;
use crate::library::snippet::Snippet;
use crate::suggest;

pub mod date;
pub mod files;
pub mod json_schema;
pub mod jurisdictions;
mod jurisdictions_file;
pub mod loading;
pub mod registry;
pub mod rules;
pub mod snippet;
mod snippet_file;
pub mod source_map;
mod unique_keys;
pub mod values;
pub mod yaml;

pub use snippet_file::{parse_snippet, read_snippet, snippet_problems};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub const LINKS: &str = "links.yaml";
pub const JURISDICTIONS: &str = "jurisdictions.yaml";
pub const RULES: &str = "rules.yaml";
/// The frames, one per output format: `templates/<name>.jinja`.
pub const FRAMES: &[&str] = &["text", "markdown", "html"];
pub use files::Source;
pub use snippet::RESERVED_NAMES;

#[derive(Debug, Clone)]
pub enum Library {
    /// `snippets/` as built into the binary.
    BuiltIn,
    /// A folder laid out like `snippets/`.
    Dir(PathBuf),
}

/// A snippet file found in the library, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetFile {
    /// The file stem, e.g. `drop-charges`.
    pub id: String,
    /// Relative to the library root, with `/`, e.g. `prosecutor/drop-charges.yaml`.
    pub rel: String,
}

/// What `list` shows of a snippet.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Header {
    pub title: String,
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A parsed snippet with the source it came from, for messages that point into the file.
#[derive(Debug, Clone)]
pub struct LoadedSnippet {
    pub id: String,
    pub source: Source,
    pub snippet: Snippet,
}

/// Everything one reply needs, read once: the chosen snippets and the library's registry,
/// jurisdictions, rules and frames. Nothing after this reads a file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub snippets: Vec<LoadedSnippet>,
    pub links: LinkRegistry,
    /// Where `links.yaml` is, or `None` when the library has none (so it has no links).
    pub links_origin: Option<String>,
    pub jurisdictions: Jurisdictions,
    pub rules: Rules,
    /// Each frame of [`FRAMES`], by its name (`text`).
    pub frames: Vec<loading::Frame>,
    /// What the advocate should know about the loading (a snippet named twice).
    pub notes: Vec<String>,
}

impl Library {
    /// The library in folder `dir`: the folder itself, or its `snippets/` subfolder when `dir`
    /// holds none of the registry files and has one (a checkout of this repository, or a
    /// library kept beside its `templates/`). A folder without a single snippet is refused:
    /// `--library /etc` or an empty folder would otherwise list nothing and pass `check`.
    pub fn open(dir: &Path) -> Result<Library> {
        if !dir.is_dir() {
            return Err(BadInput::new(format!(
                "library folder {} does not exist or is not a folder",
                dir.display()
            ))
            .into());
        }
        let nested = dir.join("snippets");
        let has_registry = [LINKS, JURISDICTIONS, RULES]
            .iter()
            .any(|file| dir.join(file).exists());
        let root = if !has_registry && nested.is_dir() {
            nested
        } else {
            dir.to_path_buf()
        };
        if !has_a_snippet(&root)? {
            anyhow::bail!(
                "library folder {} holds no snippet, so it is not a library (or not yet one). A library folder holds one folder per category with the snippets in it (`<category>/<id>.yaml`), beside `links.yaml`, `jurisdictions.yaml` and `rules.yaml`; or it holds such a folder named `snippets`",
                root.display()
            );
        }
        Ok(Library::Dir(root))
    }

    /// Every snippet file, sorted by path. Lists names only; reads no snippet.
    pub fn snippet_files(&self) -> Result<Vec<SnippetFile>> {
        let mut files = Vec::new();
        match self {
            Library::BuiltIn => {
                for (path, _) in embedded::FILES {
                    if let Some(rel) = path.strip_prefix("snippets/") {
                        if let Some(file) = snippet_file(rel) {
                            files.push(file);
                        }
                    }
                }
            }
            Library::Dir(root) => {
                let read = |dir: &Path| {
                    fs::read_dir(dir)
                        .with_context(|| format!("reading library folder {}", dir.display()))
                };
                for category in read(root)? {
                    let category = category?.path();
                    if !category.is_dir() || is_hidden(&category) {
                        continue;
                    }
                    for file in read(&category)? {
                        let path = file?.path();
                        if is_hidden(&path) {
                            continue;
                        }
                        let rel = path.strip_prefix(root).unwrap_or(&path);
                        let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                        if let Some(file) = snippet_file(&rel.join("/")) {
                            files.push(file);
                        }
                    }
                }
            }
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(files)
    }

    /// Files in a library folder that look meant for it but are never read: a snippet is
    /// `<category>/<id>.yaml`, one folder deep, and the registries sit at the top as
    /// `links.yaml`, `jurisdictions.yaml` and `rules.yaml`. So `x.yml`, `x.YAML`, a snippet a
    /// folder too deep or `Links.yaml` would be dropped without a word; `check` names them.
    pub fn unread_files(&self) -> Result<Vec<String>> {
        let Library::Dir(root) = self else {
            return Ok(Vec::new());
        };
        let yaml_like = |name: &str| {
            let lower = name.to_ascii_lowercase();
            lower.ends_with(".yaml") || lower.ends_with(".yml")
        };
        let mut unread = Vec::new();
        for entry in fs::read_dir(root)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if is_hidden(&path) || name == "templates" {
                continue;
            }
            if path.is_dir() {
                for inner in fs::read_dir(&path)? {
                    let inner = inner?.path();
                    let file = inner.file_name().unwrap_or_default().to_string_lossy();
                    let rel = format!("{name}/{file}");
                    let deeper = inner.is_dir() && !is_hidden(&inner);
                    if !is_hidden(&inner)
                        && (deeper || yaml_like(&file))
                        && snippet_file(&rel).is_none()
                    {
                        unread.push(rel);
                    }
                }
            } else if yaml_like(&name) && ![LINKS, JURISDICTIONS, RULES].contains(&name.as_str()) {
                unread.push(name);
            }
        }
        unread.sort();
        Ok(unread)
    }

    /// Reads a file relative to the library root, or `None` when it does not exist. A folder's
    /// files are read through [`files::read_text`]: regular files of at most 4 MiB, UTF-8.
    pub fn read(&self, rel: &str) -> Result<Option<Source>> {
        match self {
            Library::BuiltIn => Ok(built_in(&format!("snippets/{rel}"))),
            Library::Dir(root) => {
                let path = root.join(rel);
                match files::read_text(Input::File(&path), Limit::LibraryFile) {
                    Ok(text) => Ok(Some(Source {
                        origin: path.display().to_string(),
                        text: Cow::Owned(text),
                        built_in: false,
                    })),
                    Err(e) if e.is_not_found() => Ok(None),
                    // A library failure (exit 1) that `check` shows at its file.
                    Err(e) => {
                        Err(Located::new(&e.origin, e.location(), e.problem.to_string()).into())
                    }
                }
            }
        }
    }

    /// A frame from `templates/` (e.g. `text.jinja`). A folder library looks in its own
    /// `templates/` (beside `snippets/` when the library is nested, else inside the folder) and
    /// uses the built-in frame when it has none, so a folder of snippets alone still works.
    pub fn read_template(&self, name: &str) -> Result<Option<Source>> {
        match self {
            Library::BuiltIn => Ok(built_in(&format!("templates/{name}"))),
            Library::Dir(root) => {
                let beside = root
                    .parent()
                    .filter(|_| root.file_name().is_some_and(|n| n == "snippets"))
                    .map(|parent| Library::Dir(parent.join("templates")));
                for dir in beside
                    .into_iter()
                    .chain([Library::Dir(root.join("templates"))])
                {
                    if let Some(source) = dir.read(name)? {
                        return Ok(Some(source));
                    }
                }
                Library::BuiltIn.read_template(name)
            }
        }
    }

    /// The snippet `id` (a file stem, or `category/stem`).
    pub fn load_snippet(&self, id: &str) -> Result<LoadedSnippet> {
        self.load_file(&self.find_snippet(id)?)
    }

    /// Every snippet of the library, in `snippet_files` order, parsed on all cores.
    pub fn load_all(&self) -> Result<Vec<(SnippetFile, Result<LoadedSnippet>)>> {
        self.map_files(|f| self.load_file(f))
    }

    /// Every snippet's title, category and tags, in `snippet_files` order: what `list` shows,
    /// read without parsing the paragraphs.
    pub fn headers(&self) -> Result<Vec<(SnippetFile, Result<Header>)>> {
        self.map_files(|f| self.load_header(f))
    }

    /// `work` on every snippet file, on all cores: reading and parsing YAML is most of the time
    /// a command takes on a large library.
    fn map_files<T: Send>(
        &self,
        work: impl Fn(&SnippetFile) -> T + Sync,
    ) -> Result<Vec<(SnippetFile, T)>> {
        let files = self.snippet_files()?;
        let done = crate::parallel::on_every_core(&files, None, work);
        Ok(files.into_iter().zip(done).collect())
    }

    /// A snippet's header. Falls back to loading the whole snippet when the quick read cannot
    /// be trusted, so the answer (or the error) is the same as `load` gives.
    pub fn load_header(&self, file: &SnippetFile) -> Result<Header> {
        let source = self
            .read(&file.rel)?
            .with_context(|| format!("snippet file {} disappeared", file.rel))?;
        let header =
            match yaml::parse_top_level::<Header>(&source.text, &["title", "category", "tags"]) {
                Some(header) => header,
                None => {
                    let s = parse_snippet(&source)?;
                    Header {
                        title: s.title,
                        category: s.category,
                        tags: s.tags,
                    }
                }
            };
        Ok(Header {
            title: strip_unsafe_chars(&header.title),
            category: strip_unsafe_chars(&header.category),
            tags: header.tags.iter().map(|t| strip_unsafe_chars(t)).collect(),
        })
    }

    /// The snippet in a file that `snippet_files` listed.
    pub fn load_file(&self, file: &SnippetFile) -> Result<LoadedSnippet> {
        let source = self
            .read(&file.rel)?
            .with_context(|| format!("snippet file {} disappeared", file.rel))?;
        let snippet = parse_snippet(&source)?;
        Ok(LoadedSnippet {
            id: file.id.clone(),
            source,
            snippet,
        })
    }

    fn find_snippet(&self, id: &str) -> Result<SnippetFile> {
        let wanted = id.trim().trim_end_matches(".yaml");
        let matches = self.candidates(wanted)?;
        match matches.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                // Only a miss lists the whole library, for the suggestion.
                let files = self.snippet_files()?;
                Err(UnknownSnippet {
                    id: id.to_owned(),
                    suggestion: suggest::did_you_mean(wanted, files.iter().map(|f| f.id.as_str())),
                }
                .into())
            }
            many => Err(BadInput::new(format!(
                "snippet id '{wanted}' is ambiguous: {}; name it as category/id",
                many.iter()
                    .map(|f| f.rel.trim_end_matches(".yaml"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .into()),
        }
    }

    /// The files that could be snippet `wanted` (`id` or `category/id`). In a folder this
    /// looks at one path per category instead of listing every file, so finding a snippet
    /// costs the same in a library of ten snippets or of thousands. Anything by that name
    /// counts, not only a regular file, as `snippet_files` lists it too: reading it then says
    /// what is wrong (a FIFO, a folder) instead of calling the snippet unknown.
    fn candidates(&self, wanted: &str) -> Result<Vec<SnippetFile>> {
        let Library::Dir(root) = self else {
            return Ok(self
                .snippet_files()?
                .into_iter()
                .filter(|f| f.id == wanted || f.rel.trim_end_matches(".yaml") == wanted)
                .collect());
        };
        if wanted.is_empty() || wanted.starts_with('.') || wanted.contains(['\\', '\0']) {
            return Ok(Vec::new());
        }
        if let Some((category, stem)) = wanted.split_once('/') {
            let rel = format!("{category}/{stem}.yaml");
            let valid = !category.starts_with('.') && !stem.contains('/');
            return Ok(snippet_file(&rel)
                .filter(|_| valid && is_there(&root.join(&rel)))
                .into_iter()
                .collect());
        }
        let mut found = Vec::new();
        let categories = fs::read_dir(root)
            .with_context(|| format!("reading library folder {}", root.display()))?;
        for category in categories {
            let category = category?.path();
            if category.is_dir()
                && !is_hidden(&category)
                && is_there(&category.join(format!("{wanted}.yaml")))
            {
                let name = category.file_name().unwrap_or_default().to_string_lossy();
                found.extend(snippet_file(&format!("{name}/{wanted}.yaml")));
            }
        }
        found.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(found)
    }

    /// Where a library file is (or would be), as messages name it.
    pub fn origin_of(&self, rel: &str) -> String {
        match self {
            Library::BuiltIn => format!("(built-in) snippets/{rel}"),
            Library::Dir(root) => root.join(rel).display().to_string(),
        }
    }
}

/// Whether something is at `path`, a link whose target is gone included: reading it then says
/// what is wrong with it, rather than "unknown snippet".
fn is_there(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// A file built into the binary, by its path in the repository (`snippets/links.yaml`).
fn built_in(key: &str) -> Option<Source> {
    let i = embedded::FILES
        .binary_search_by(|(path, _)| path.cmp(&key))
        .ok()?;
    // Read as a folder's files are, so a file saved on Windows reads the same built in.
    Some(Source {
        origin: format!("(built-in) {key}"),
        text: files::normalised(embedded::FILES[i].1),
        built_in: true,
    })
}

/// `category/id.yaml` → a snippet file; anything else (registries, deeper files) → `None`.
fn snippet_file(rel: &str) -> Option<SnippetFile> {
    let (category, file) = rel.split_once('/')?;
    let id = file.strip_suffix(".yaml")?;
    (!category.is_empty() && !id.is_empty() && !file.contains('/')).then(|| SnippetFile {
        id: id.to_owned(),
        rel: rel.to_owned(),
    })
}

/// Whether `root` holds at least one snippet file (`<category>/<id>.yaml`), looking no
/// further than the first.
fn has_a_snippet(root: &Path) -> Result<bool> {
    let read = |dir: &Path| {
        fs::read_dir(dir).with_context(|| format!("reading library folder {}", dir.display()))
    };
    for category in read(root)? {
        let category = category?.path();
        if !category.is_dir() || is_hidden(&category) {
            continue;
        }
        // A category that cannot be read is reported when its snippets are listed.
        let Ok(files) = fs::read_dir(&category) else {
            continue;
        };
        let is_snippet =
            |path: &Path| !is_hidden(path) && path.extension().is_some_and(|e| e == "yaml");
        if files.flatten().any(|f| is_snippet(&f.path())) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in files are not walked for repeated keys when loaded (`yaml::parse_source`):
    /// here they are, every one.
    #[test]
    fn no_built_in_file_gives_a_key_twice() {
        let yaml: Vec<_> = embedded::FILES
            .iter()
            .filter(|(path, _)| path.ends_with(".yaml"))
            .collect();
        assert!(yaml.len() >= 4, "{}", yaml.len());
        for (path, text) in yaml {
            if let Err(err) = yaml::parse::<serde::de::IgnoredAny>(&files::normalised(text), path) {
                panic!("{err}");
            }
        }
    }

    #[test]
    fn the_built_in_library_lists_and_loads_the_seed() {
        let lib = Library::BuiltIn;
        let files = lib.snippet_files().unwrap();
        assert!(
            files
                .iter()
                .any(|f| f.id == "drop-charges" && f.rel == "prosecutor/drop-charges.yaml")
        );
        let loaded = lib.load_snippet("drop-charges").unwrap();
        assert_eq!(loaded.snippet.category, "Prosecutor");
        assert_eq!(loaded.snippet.questions[0].id, "asks_about_charges");
        assert!(lib.load_snippet("prosecutor/drop-charges").is_ok());
    }

    #[test]
    fn an_unknown_snippet_suggests_the_near_one() {
        let err = Library::BuiltIn.load_snippet("drop-charge").unwrap_err();
        assert!(
            err.to_string().contains("did you mean 'drop-charges'?"),
            "{err}"
        );
        assert_eq!(crate::error::exit_code(&err), crate::error::exit::BAD_INPUT);
    }

    #[test]
    fn jurisdictions_are_the_fifty_six_of_the_design() {
        let all = Library::BuiltIn.jurisdictions().unwrap();
        assert_eq!(all.jurisdictions.len(), 56);
        assert_eq!(all.find("nmi").unwrap().code, "MP");
        assert_eq!(all.find("new york").unwrap().slug(), "ny");
        assert_eq!(all.find(" ny ").unwrap().name, "New York");
        assert_eq!(all.find("D.C.").unwrap().code, "DC");
        assert!(!all.find("American Samoa").unwrap().state_pages);
        assert!(all.find("Nwe York").is_none());
    }

    /// A folder with `snippets/` but no registries is a library kept beside its templates:
    /// its registries are not snippets, and a folder without snippets is no library.
    #[test]
    fn a_library_folder_is_found_or_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Library::open(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("holds no snippet, so it is not a library"),
            "{err}"
        );
        let nested = dir.path().join("snippets");
        fs::create_dir_all(nested.join("general")).unwrap();
        fs::write(nested.join(JURISDICTIONS), "jurisdictions: []\n").unwrap();
        fs::write(nested.join("general/s.yaml"), "title: T\n").unwrap();
        let lib = Library::open(dir.path()).unwrap();
        assert!(matches!(&lib, Library::Dir(root) if *root == nested));
        let ids: Vec<String> = lib
            .snippet_files()
            .unwrap()
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["s"]);
    }

    #[test]
    fn frames_come_from_the_library_folder_else_the_built_in_ones() {
        let builtin = Library::BuiltIn
            .read_template("html.jinja")
            .unwrap()
            .unwrap();
        assert_eq!(builtin.origin, "(built-in) templates/html.jinja");
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("snippets");
        fs::create_dir_all(nested.join("general")).unwrap();
        fs::write(nested.join("general/s.yaml"), "title: T\n").unwrap();
        fs::create_dir(dir.path().join("templates")).unwrap();
        fs::write(dir.path().join("templates/text.jinja"), "{{ body }}!").unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let text = lib.read_template("text.jinja").unwrap().unwrap();
        assert_eq!(text.text, "{{ body }}!");
        let html = lib.read_template("html.jinja").unwrap().unwrap();
        assert_eq!(html.origin, builtin.origin);
    }
}
