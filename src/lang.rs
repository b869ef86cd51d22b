//! The language of user-facing text: Chinese first, English on request.

use clap::ValueEnum;

// The values carry no help text: `zh` and `en` speak for themselves in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chooses between the two renderings of one message.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Items in a sentence: `a、b、c` in Chinese, `a, b, c` in English.
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        items.join(self.pick("、", ", "))
    }
}
