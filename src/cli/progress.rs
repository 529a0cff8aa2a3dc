//! The progress bar of the archive commands, on standard error: the
//! library only says how far a walk got ([`Progress`]); drawing it is the
//! binary's business.

use std::cell::OnceCell;

use pledgediff::Progress;

/// An indicatif bar, drawn once a walk of more than one step starts.
#[derive(Default)]
pub struct Bar {
    bar: OnceCell<indicatif::ProgressBar>,
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        // One step is over before a bar would tell anything.
        if total <= 1 {
            return;
        }
        let b = indicatif::ProgressBar::new(total as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} comparing {pos}/{len} steps {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let _ = self.bar.set(b);
    }

    fn step(&self, done: usize) {
        if let Some(b) = self.bar.get() {
            b.set_position(done as u64);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}
