//! The `campaign` binary: parses the command line, runs it, maps the outcome to an exit status.

use std::ffi::c_int;

use libmimalloc_sys::mi_option_set;

/// mimalloc rather than the system allocator: reading thousands of small
/// workbooks allocates and frees millions of small strings, and the
/// benchmark (docs/BENCHMARKS.md) measured it faster there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options by their numbers in the mimalloc 3 it is built from
/// (libmimalloc-sys names those of mimalloc 2, numbered otherwise).
const ARENA_EAGER_COMMIT: c_int = 4;
const PURGE_DELAY: c_int = 15;

fn main() {
    // By default mimalloc commits memory ahead of use and keeps what is freed
    // for a second: for merge's large workbooks that made the peak memory half
    // as large again as the system allocator's. Committed as used and given
    // back at once, it is below it, and no slower (docs/BENCHMARKS.md).
    // SAFETY: set first thing, before any other thread exists.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 0);
    }
    let cli = match campaign::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(early) => {
            early.print();
            std::process::exit(early.exit_code());
        }
    };
    let code = match campaign::run(&cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if error.is_broken_pipe() => 0,
        Err(error) => {
            eprintln!("{}", error.render(cli.lang));
            campaign::EXIT_ERROR
        }
    };
    std::process::exit(code);
}

/// Looks at standard output before the Rust runtime does: finding it closed,
/// the runtime opens /dev/null in its place, and whatever a command printed
/// would vanish without an error (see `campaign::stdout`).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

#[cfg(target_os = "linux")]
extern "C" fn look_at_stdout() {
    // SAFETY: F_GETFD only asks about descriptor 1; it changes nothing.
    if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
        campaign::stdout::closed_at_start();
    }
}

#[cfg(test)]
mod tests {
    use libmimalloc_sys::mi_option_get;

    use super::*;

    #[test]
    fn the_allocator_options_are_the_ones_meant() {
        // Their documented defaults, read back by number: an option numbered
        // otherwise in another mimalloc would not give both.
        // SAFETY: reading an option has no precondition.
        let defaults = unsafe {
            [
                mi_option_get(ARENA_EAGER_COMMIT),
                mi_option_get(PURGE_DELAY),
            ]
        };
        assert_eq!(defaults, [2, 1000]);
    }
}
