//! The campaign.toml loader on any text: it must answer with a campaign or a
//! definition error, and the error must render in both languages.

#![no_main]

use campaign::definition::Campaign;
use campaign::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = Campaign::parse(text) {
        for lang in [Lang::Zh, Lang::En] {
            assert!(!error.render(lang).is_empty());
        }
    }
});
