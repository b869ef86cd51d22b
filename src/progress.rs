//! What a long run shows while it reads: a bar on standard error counting the
//! files read. It appears only once the run has taken about a second (a flash
//! of a bar is noise), only when standard error is a terminal, and never with
//! `--quiet`; it is cleared when the reading ends, so nothing of it stays in
//! the output. It decides nothing and reports nothing else.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::lang::Lang;

/// A run shorter than this shows no bar at all.
const DELAY: Duration = Duration::from_secs(1);

/// The bar of one reading pass; shared by the threads that read.
pub struct Progress {
    bar: ProgressBar,
    /// Where the bar goes once it is due; `None` when it is never shown.
    target: Mutex<Option<ProgressDrawTarget>>,
    due: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar that is never drawn, for reading that nobody watches.
    pub fn hidden() -> Progress {
        Progress::new(0, None, DELAY, Lang::Zh)
    }

    /// The bar for reading `files` files, on standard error if it is a
    /// terminal and `quiet` was not asked for.
    pub fn on_stderr(files: usize, quiet: bool, lang: Lang) -> Progress {
        let target = (!quiet && std::io::stderr().is_terminal()).then(ProgressDrawTarget::stderr);
        Progress::new(files, target, DELAY, lang)
    }

    fn new(
        files: usize,
        target: Option<ProgressDrawTarget>,
        delay: Duration,
        lang: Lang,
    ) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
            .expect("a valid template")
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(lang.pick("正在读取文件", "reading files"));
        Progress {
            bar,
            // Without a target there is nothing to show, ever.
            shown: AtomicBool::new(target.is_none()),
            target: Mutex::new(target),
            due: Instant::now() + delay,
        }
    }

    /// One more file read.
    pub fn advance(&self) {
        self.bar.inc(1);
        if !self.shown.load(Ordering::Relaxed) && Instant::now() >= self.due {
            self.show();
        }
    }

    fn show(&self) {
        self.shown.store(true, Ordering::Relaxed);
        let target = self.target.lock().ok().and_then(|mut target| target.take());
        if let Some(target) = target {
            self.bar.set_draw_target(target);
            self.bar.tick();
        }
    }

    /// The reading is over: the bar, if it was drawn, is wiped.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use indicatif::TermLike;

    use super::*;

    /// A terminal that keeps what is written to it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, line: &str) -> std::io::Result<()> {
            self.write_str(&format!("{line}\n"))
        }
        fn write_str(&self, text: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(text);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.write_str("<clear>")
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn read_three(delay: Duration, lang: Lang) -> String {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let progress = Progress::new(3, Some(target), delay, lang);
        for _ in 0..3 {
            progress.advance();
        }
        progress.finish();
        std::mem::take(&mut *screen.0.lock().unwrap())
    }

    #[test]
    fn a_run_past_the_delay_draws_the_count_then_wipes_it() {
        let drawn = read_three(Duration::ZERO, Lang::Zh);
        assert!(
            drawn.starts_with("正在读取文件 [") && drawn.contains("] 1/3"),
            "expected the bar at the first file, drawn: {drawn:?}"
        );
        assert!(
            drawn.ends_with("<clear>"),
            "expected the bar wiped at the end, drawn: {drawn:?}"
        );
        let english = read_three(Duration::ZERO, Lang::En);
        assert!(
            english.starts_with("reading files ["),
            "expected the English words, drawn: {english:?}"
        );
    }

    #[test]
    fn a_short_run_draws_nothing() {
        assert_eq!(read_three(Duration::from_secs(3600), Lang::Zh), "");
    }
}
