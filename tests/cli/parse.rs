//! Reading output the way a browser or a Markdown editor would, so tests assert what the
//! writer will see rather than the characters we happened to write.

use pulldown_cmark::{Options, Parser, html};
use scraper::{Html, Selector};

/// A parsed HTML fragment. Parse errors fail the test: a helpdesk editor may not repair them.
pub struct Page(Html);

impl Page {
    pub fn html(fragment: &str) -> Page {
        let doc = Html::parse_fragment(fragment);
        assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
        Page(doc)
    }

    /// Markdown rendered as GitHub-flavoured Markdown editors do, then parsed.
    pub fn markdown(text: &str) -> Page {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_GFM;
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(text, options));
        Page::html(&out)
    }

    /// The text of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.select(selector, |e| e.text().collect())
    }

    /// `(href, visible text)` of every link.
    pub fn links(&self) -> Vec<(String, String)> {
        self.select("a", |e| {
            (
                e.value().attr("href").unwrap_or_default().to_owned(),
                e.text().collect(),
            )
        })
    }

    /// The names of every element in the fragment, in document order (without the `html`
    /// root the parser adds).
    pub fn elements(&self) -> Vec<String> {
        self.select("*", |e| e.value().name().to_owned())
            .into_iter()
            .filter(|n| n != "html")
            .collect()
    }

    fn select<T>(&self, selector: &str, f: impl Fn(scraper::ElementRef) -> T) -> Vec<T> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.0.select(&selector).map(f).collect()
    }
}
