//! The loop every "killed mid-write" part shares: a writer runs each of its operations once
//! to the end (to learn how long each takes), then runs them in turn, each killed after a
//! random delay — half drawn from the whole command, half from after the password work
//! where the writing is — and checks the vault after every kill. A part says only what
//! its operations are, how to run one, and what "whole" means for its records.

use super::*;

/// What the runs came to; printed as the part's figures and asserted clean.
#[derive(Default)]
pub struct Tally {
    pub runs: usize,
    pub acknowledged: usize,
    pub killed: usize,
    /// Killed, yet the write was wholly there (the kill came after the commit).
    pub landed: usize,
    pub lost: usize,
    pub verify_failures: usize,
    pub half_written: usize,
    pub errors: usize,
}

impl Tally {
    /// A write that printed success is missing.
    pub fn lost(&mut self, run: usize, what: String) {
        self.lost += 1;
        eprintln!("run {run}: {what}");
    }

    /// A record is there in part, or twice.
    pub fn half(&mut self, run: usize, what: String) {
        self.half_written += 1;
        eprintln!("run {run}: {what}");
    }

    fn print_and_assert(&self, part: &str, started: Instant) {
        println!(
            "crash  {part}  runs={}  acknowledged={}  killed={}  landed-unacknowledged={}  lost={}  verify-failures={}  half-written={}  errors={}  time={:.1}s",
            self.runs,
            self.acknowledged,
            self.killed,
            self.landed,
            self.lost,
            self.verify_failures,
            self.half_written,
            self.errors,
            started.elapsed().as_secs_f64()
        );
        assert_eq!(self.lost, 0, "{part}: acknowledged writes lost");
        assert_eq!(self.verify_failures, 0, "{part}: verify failed after a kill");
        assert_eq!(self.half_written, 0, "{part}: a record half-written");
        assert_eq!(self.errors, 0, "{part}: a write failed without being killed");
    }
}

/// When a run is killed.
#[derive(Clone, Copy)]
enum Kill {
    /// After this long from the start.
    After(Duration),
    /// This long after the key file write begins (or the command ends).
    AtKeyFileWrite(Duration),
}

/// One part's writes.
pub trait Writer {
    type Op: Copy + std::fmt::Debug;

    /// The vault's folder.
    fn dir(&self) -> &std::path::Path;
    /// The operations, run in turn.
    fn ops(&self) -> Vec<Self::Op>;
    /// The command line for `op` in `run` (after `--password-stdin`), and the operation it
    /// really is (a change with nothing to change adds instead).
    fn command(&self, op: Self::Op, run: usize) -> (Self::Op, Vec<String>);
    /// Whether a third of the runs should be killed just after the key file write begins
    /// (a window of milliseconds that random delays rarely hit) rather than at random.
    fn at_key_file_write(&self) -> bool {
        false
    }
    /// Every write acknowledged so far, and the one just tried, are checked here: whole or
    /// absent, never twice. Returns whether the one just tried is there.
    fn check(&self, run: usize, op: Self::Op, acked: &[(Self::Op, usize)], tally: &mut Tally) -> bool;
}

/// Runs `runs` killed writes of `writer` and asserts that nothing was lost or half-written.
pub fn drive<W: Writer>(part: &str, writer: &W, runs: usize, salt: u64) {
    let mut rng = Rng::new(seed() ^ salt);
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut acked: Vec<(W::Op, usize)> = Vec::new();
    let run_one = |op: W::Op, run: usize, delay: Kill, tally: &mut Tally, acked: &mut Vec<(W::Op, usize)>| {
        let (op, args) = writer.command(op, run);
        let args: Vec<&str> = std::iter::once("--password-stdin").chain(args.iter().map(String::as_str)).collect();
        let began = Instant::now();
        let mut child = spawn(writer.dir(), &args, &format!("{PASSWORD}\n"));
        let delay = match delay {
            Kill::After(delay) => delay,
            Kill::AtKeyFileWrite(delay) => {
                super::passwd::await_key_file_write(writer.dir(), &mut child);
                delay
            }
        };
        let o = kill_after(child, delay);
        let took = began.elapsed();
        let ok = code(&o) == 0;
        if delay >= TO_THE_END {
            assert!(ok, "{op:?} failed: {}", text(&o.stderr));
        } else if ok {
            tally.acknowledged += 1;
        } else if killed(&o) {
            tally.killed += 1;
        } else {
            tally.errors += 1;
            eprintln!("run {run} ({op:?}) failed without being killed: {}", text(&o.stderr));
        }
        if ok {
            acked.push((op, run));
        }
        if writer.at_key_file_write() {
            // A kill between the key file's two copies leaves them different until the next
            // writing unlock mends one from the other (and says so), as after a password
            // change: that unlock comes first.
            let mend =
                folio(writer.dir(), &["--password-stdin", "settings", "--auto-lock", "15"], &format!("{PASSWORD}\n"));
            assert_eq!(code(&mend), 0, "the password no longer opens the vault: {}", text(&mend.stderr));
        }
        let verify = folio(writer.dir(), &["--password-stdin", "verify"], &format!("{PASSWORD}\n"));
        if code(&verify) != 0 {
            tally.verify_failures += 1;
            eprintln!("verify failed: {}{}", text(&verify.stdout), text(&verify.stderr));
        }
        if writer.check(run, op, acked, tally) && !ok {
            tally.landed += 1;
        }
        took
    };
    let unlock = {
        let t = Instant::now();
        assert_eq!(code(&folio(writer.dir(), &["--password-stdin", "settings"], &format!("{PASSWORD}\n"))), 0);
        t.elapsed()
    };
    let ops = writer.ops();
    let typical: Vec<Duration> = ops
        .iter()
        .enumerate()
        .map(|(i, op)| run_one(*op, i, Kill::After(TO_THE_END), &mut tally, &mut acked))
        .collect();
    for i in 0..runs {
        let which = i % ops.len();
        let end = typical[which].mul_f64(1.5);
        let delay = if writer.at_key_file_write() && rng.below(2) == 0 {
            Kill::AtKeyFileWrite(rng.between(Duration::ZERO, Duration::from_millis(15)))
        } else if rng.below(2) == 0 {
            Kill::After(rng.between(Duration::ZERO, end))
        } else {
            Kill::After(rng.between(unlock.mul_f64(0.9).min(end), end))
        };
        run_one(ops[which], ops.len() + i, delay, &mut tally, &mut acked);
        tally.runs += 1;
    }
    tally.print_and_assert(part, started);
}
