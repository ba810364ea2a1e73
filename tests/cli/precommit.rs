//! The pre-commit hooks for real: pre-commit (installed from PyPI into a
//! virtual environment under the target folder; the test is skipped with a
//! message when it cannot be installed) builds declutter from a git
//! repository made from this working tree, as it would from the project's
//! URL, and runs both hooks on a repository of saved pages.
//!
//! Offline once set up: the hook repository is a local path; cargo builds
//! with `CARGO_NET_OFFLINE` from the crates `cargo test` has already
//! fetched; the virtual environment, pre-commit's cache and cargo's target
//! folder are kept under `target/tmp/precommit`, so later runs only rebuild
//! what changed.

use super::PAGE;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WORK: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/precommit");

fn run(cmd: &mut Command) -> Option<Output> {
    cmd.output().ok()
}

fn ok(cmd: &mut Command) -> bool {
    run(cmd).is_some_and(|o| o.status.success())
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// pre-commit in a virtual environment, installed once.
fn pre_commit() -> Result<PathBuf, String> {
    let venv = Path::new(WORK).join("venv");
    let exe = venv.join("bin/pre-commit");
    if exe.is_file() {
        return Ok(exe);
    }
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| ok(Command::new(p).arg("--version")))
        .ok_or("no python3")?;
    if !ok(Command::new(python).args(["-m", "venv"]).arg(&venv)) {
        return Err("python3 -m venv failed".into());
    }
    let pip = venv.join("bin/pip");
    let install = run(Command::new(&pip).args(["install", "--quiet", "pre-commit>=3,<5"]))
        .ok_or("pip did not run")?;
    if !install.status.success() || !exe.is_file() {
        return Err(format!("pip install pre-commit failed: {}", text(&install)));
    }
    Ok(exe)
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args([
            "-c",
            "user.name=declutter test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        // A fixed date: the same working tree gives the same commit, so
        // pre-commit's cached build is reused.
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    cmd
}

/// A git repository holding this working tree (without `target/` and
/// `.git`), as the hook's `repo:`; returns its path and commit.
fn hook_repo() -> Result<(PathBuf, String), String> {
    let repo = Path::new(WORK).join("declutter-repo");
    let _ = std::fs::remove_dir_all(&repo);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        // fuzz/ is not part of the crate, and a running fuzzer adds and
        // removes files in its corpus while this copies.
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("target" | ".git" | "fuzz")));
    for entry in walker {
        let entry = entry.map_err(|e| e.to_string())?;
        let to = repo.join(entry.path().strip_prefix(root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).map_err(|e| e.to_string())?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &to).map_err(|e| e.to_string())?;
        }
    }
    let steps: [&[&str]; 3] = [
        &["init", "-q"],
        &["add", "-A"],
        &["commit", "-q", "-m", "hook"],
    ];
    for args in steps {
        if !ok(git(&repo).args(args)) {
            return Err(format!("git {args:?} failed in {}", repo.display()));
        }
    }
    let head = run(git(&repo).args(["rev-parse", "HEAD"])).ok_or("git rev-parse")?;
    Ok((
        repo,
        String::from_utf8_lossy(&head.stdout).trim().to_string(),
    ))
}

/// A repository of saved pages using both hooks.
fn user_repo(hook: &Path, rev: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    std::fs::create_dir(&saved).unwrap();
    std::fs::write(saved.join("tides.html"), PAGE).unwrap();
    std::fs::write(
        saved.join("storm.htm"),
        PAGE.replace("Tide tables", "Storm warning"),
    )
    .unwrap();
    std::fs::write(saved.join("notes.txt"), "not a page").unwrap();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: declutter\n      - id: declutter-check\n",
        hook.display()
    );
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), config).unwrap();
    assert!(ok(git(dir.path()).args(["init", "-q"])));
    assert!(ok(git(dir.path()).args(["add", "-A"])));
    dir
}

fn hook_run(exe: &Path, repo: &Path, hook: &str) -> Output {
    Command::new(exe)
        .args(["run", hook, "--all-files", "--color", "never"])
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", Path::new(WORK).join("cache"))
        .env("CARGO_TARGET_DIR", Path::new(WORK).join("cargo-target"))
        .env("CARGO_NET_OFFLINE", "true")
        // A quick build: the hook's speed does not matter here.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .output()
        .expect("pre-commit runs")
}

#[test]
fn pre_commit_hooks_write_and_check_markdown_copies() {
    if !ok(Command::new("git").arg("--version")) {
        println!("skipped: git is not installed");
        return;
    }
    let exe = match pre_commit() {
        Ok(exe) => exe,
        Err(why) => {
            println!("skipped: cannot install pre-commit from PyPI: {why}");
            return;
        }
    };
    // Drop the builds of earlier working trees from pre-commit's cache.
    let _ = Command::new(&exe)
        .arg("gc")
        .env("PRE_COMMIT_HOME", Path::new(WORK).join("cache"))
        .output();
    let (hook, rev) = hook_repo().unwrap();
    let repo = user_repo(&hook, &rev);
    let md = repo.path().join("saved/tides.md");

    let check = hook_run(&exe, repo.path(), "declutter-check");
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("saved/tides.md: missing"),
        "{}",
        text(&check)
    );
    assert!(!md.exists(), "--check writes nothing");

    let write = hook_run(&exe, repo.path(), "declutter");
    assert_eq!(write.status.code(), Some(1), "{}", text(&write));
    assert!(text(&write).contains("Failed"), "{}", text(&write));
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(written.contains("# Tide tables\n"), "{written}");
    assert!(repo.path().join("saved/storm.md").is_file());
    assert!(!repo.path().join("saved/notes.md").exists());

    assert!(ok(git(repo.path()).args(["add", "-A"])));
    for hook_id in ["declutter", "declutter-check"] {
        let again = hook_run(&exe, repo.path(), hook_id);
        assert_eq!(again.status.code(), Some(0), "{hook_id}: {}", text(&again));
        assert!(text(&again).contains("Passed"), "{}", text(&again));
    }

    let page = repo.path().join("saved/tides.html");
    std::fs::write(&page, PAGE.replace("Monday", "Friday")).unwrap();
    let stale = hook_run(&exe, repo.path(), "declutter-check");
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale));
    assert!(
        text(&stale).contains("saved/tides.md: stale"),
        "{}",
        text(&stale)
    );
    assert_eq!(std::fs::read_to_string(&md).unwrap(), written);
}
