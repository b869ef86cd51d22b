//! The `campaign` binary: parses the command line, runs it, maps the outcome to an exit status.

/// mimalloc rather than the system allocator: reading thousands of small
/// workbooks allocates and frees millions of small strings, and the
/// benchmark (docs/BENCHMARKS.md) measured it faster there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
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
