//! `config path|init`: where the config file is, and a commented one to start from. Works even
//! when the config file is broken, so it can be found and fixed.

use anyhow::Result;

use crate::edge::args::ConfigAction;
use crate::edge::config_file as config;
use crate::edge::stderr as term;

use super::print;

pub fn run(action: &ConfigAction) -> Result<i32> {
    let path = config::path()?;
    match action {
        ConfigAction::Path => print(&format!("{}\n", path.display())),
        ConfigAction::Init { force } => {
            config::init(&path, *force)?;
            term::note(&format!(
                "wrote {}; remove the `# ` in front of a setting to use it",
                path.display()
            ));
            Ok(crate::error::exit::SUCCESS)
        }
    }
}
