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
