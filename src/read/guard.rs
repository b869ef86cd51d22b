//! One broken file must not stop the run: a panic while one file is read is
//! caught here, kept quiet, and handed back as a value saying what panicked
//! and where, for the caller to report as that file's problem.
//!
//! The panic hook is process-wide, so it is replaced once and for good, and
//! keeps quiet only for a panic on a thread inside [`catch`]; every other
//! panic goes to the hook that was there before (the default one prints it).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A panic caught by [`catch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked {
    /// The panic's message and the place in the source it came from, for
    /// whoever fixes the tool.
    pub detail: String,
}

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`; a panic inside it comes back as `Err`, with nothing printed.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Panicked> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.try_with(Cell::get).unwrap_or(false) {
                return previous(info);
            }
            let detail = match info.location() {
                Some(at) => format!("{} ({}:{})", message(info.payload()), at.file(), at.line()),
                None => message(info.payload()).to_owned(),
            };
            let _ = CAUGHT.try_with(|caught| caught.replace(Some(detail)));
        }));
    });
    let outer = CATCHING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.set(outer);
    result.map_err(|payload| Panicked {
        detail: CAUGHT
            .with(RefCell::take)
            .unwrap_or_else(|| message(payload.as_ref()).to_owned()),
    })
}

/// The text a panic was raised with (`panic!("…")`, `expect("…")`, an index out of bounds).
fn message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_with_its_message_and_place() {
        let caught = catch(|| -> u32 { panic!("index out of bounds") });
        let detail = caught.expect_err("the panic caught").detail;
        assert!(
            detail.starts_with("index out of bounds (src/read/guard.rs:"),
            "{detail}"
        );
    }

    #[test]
    fn nested_catches_each_catch_their_own() {
        let outer = catch(|| {
            let inner = catch(|| -> u32 { panic!("inner") });
            assert!(inner.unwrap_err().detail.starts_with("inner ("));
            panic!("outer {}", 2)
        });
        assert!(outer.unwrap_err().detail.starts_with("outer 2 ("));
        assert_eq!(catch(|| 7), Ok(7));
    }
}
