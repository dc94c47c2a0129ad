//! The workers: threads with a connection of their own to the journal, so a
//! key pressed meanwhile is answered at once. The reader runs the slow reads
//! (`Cmd::is_slow_read`: the figures, the coach, the prep sheet, a profile)
//! on a read-only connection; its answers carry their request ids, so one
//! that comes after a change is dropped (`loading::Fetch`). The writer runs
//! every write (`Cmd::waits_for_check`), one after another in the order
//! asked, and answers each with the same `Msg` (and its `Changed`) the
//! event loop would have had, after the commit.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

use chrono::{DateTime, NaiveDate, Utc};

use super::app::{Cmd, Msg};
use super::effects::{self, Settings};
use crate::store::Store;

struct Job {
    cmd: Cmd,
    today: NaiveDate,
    now: DateTime<Utc>,
}

pub struct Worker {
    jobs: Option<Sender<Job>>,
    answers: Receiver<Vec<Msg>>,
    thread: Option<JoinHandle<()>>,
    /// Jobs sent and not yet answered.
    pending: usize,
    /// A panic on the thread ends the TUI, as it would have on the key's
    /// thread (the writer: a save must never be lost quietly).
    panics_through: bool,
}

impl Worker {
    /// Starts the worker on `reader`, a connection of its own, with the
    /// configuration its effects read.
    pub fn spawn(reader: Store, settings: Settings) -> std::io::Result<Worker> {
        Worker::start("rapport-reads", reader, settings, false)
    }

    /// Starts the writer on `writer`, a writable connection of its own
    /// (`Store::writer`). A save is answered with `Msg::SaveAnswered` and
    /// then its own answer; a panic in one ends the TUI.
    pub fn spawn_writer(writer: Store, settings: Settings) -> std::io::Result<Worker> {
        Worker::start("rapport-writes", writer, settings, true)
    }

    fn start(
        name: &str,
        mut store: Store,
        settings: Settings,
        panics_through: bool,
    ) -> std::io::Result<Worker> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, answers) = mpsc::channel();
        let thread = thread::Builder::new().name(name.into()).spawn(move || {
            for job in inbox {
                let mut out = Vec::new();
                if job.cmd.is_save() {
                    out.push(Msg::SaveAnswered);
                }
                // Neither reads nor writes ask for the terminal: the
                // event loop keeps `Cmd::Terminal` for itself.
                let mut terminal = Vec::new();
                effects::run(
                    &mut store,
                    &settings,
                    job.cmd,
                    job.today,
                    job.now,
                    &mut out,
                    &mut terminal,
                );
                if outbox.send(out).is_err() {
                    return;
                }
            }
        })?;
        Ok(Worker {
            jobs: Some(jobs),
            answers,
            thread: Some(thread),
            pending: 0,
            panics_through,
        })
    }

    /// Hands `cmd` to the worker; gives it back when the worker is gone.
    pub fn send(&mut self, cmd: Cmd, today: NaiveDate, now: DateTime<Utc>) -> Result<(), Box<Cmd>> {
        let Some(jobs) = &self.jobs else {
            return Err(Box::new(cmd));
        };
        match jobs.send(Job { cmd, today, now }) {
            Ok(()) => {
                self.pending += 1;
                Ok(())
            }
            Err(mpsc::SendError(job)) => {
                self.jobs = None;
                Err(Box::new(job.cmd))
            }
        }
    }

    /// Whether answers are still to come.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// The answers ready now, without waiting.
    pub fn answers(&mut self) -> Vec<Msg> {
        let mut ready = Vec::new();
        loop {
            match self.answers.try_recv() {
                Ok(msgs) => {
                    self.pending = self.pending.saturating_sub(1);
                    ready.extend(msgs);
                }
                Err(TryRecvError::Empty) => return ready,
                Err(TryRecvError::Disconnected) => {
                    // It stopped (a bug in a read): what it held is asked
                    // again by the next change; reads run here from now on.
                    self.stopped();
                    return ready;
                }
            }
        }
    }

    /// Waits for every answer still to come (tests and benchmarks).
    pub fn wait(&mut self) -> Vec<Msg> {
        let mut ready = Vec::new();
        while self.pending > 0 {
            match self.answers.recv() {
                Ok(msgs) => {
                    self.pending -= 1;
                    ready.extend(msgs);
                }
                Err(_) => self.stopped(),
            }
        }
        ready
    }

    /// The thread ended on a panic: the writer's goes on here, so the TUI
    /// ends as it would have with the save on the key's thread (the panic
    /// hook has already restored the terminal and said so).
    fn stopped(&mut self) {
        self.jobs = None;
        self.pending = 0;
        if self.panics_through
            && let Some(thread) = self.thread.take()
            && let Err(panic) = thread.join()
        {
            std::panic::resume_unwind(panic);
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its job is done.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
