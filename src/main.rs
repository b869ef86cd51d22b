use clap::Parser;

fn main() {
    let cli = campaign::cli::Cli::parse();
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
