//! The file system working against the run: a symbolic-link loop, a page
//! that is gone when its turn comes, an output folder that refuses writes,
//! a disk that fills up. Each is one line on stderr naming the file, the
//! other pages still convert, and no partial or temporary file is left.

use super::{PAGE, declutter, file_names, stderr, stdout};
use std::path::Path;
use std::process::Command;

#[test]
fn a_directory_symlink_loop_is_skipped_and_the_pages_converted() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved/sub");
    std::fs::create_dir_all(&saved).unwrap();
    std::fs::write(saved.join("page.html"), PAGE).unwrap();
    std::os::unix::fs::symlink("..", saved.join("up")).unwrap();
    let out = declutter(&["saved", "--out-dir", "out"], dir.path());
    assert!(stderr(&out).contains("loops back"), "{}", stderr(&out));
    assert!(
        dir.path().join("out/sub/page.md").is_file(),
        "{}",
        stderr(&out)
    );
}

/// A page listed by the folder walk but gone when read: a symbolic link
/// whose target does not exist behaves exactly so, and deterministically
/// (deleting a real file between the two steps would depend on timing).
#[test]
fn a_page_gone_before_it_is_read_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    std::fs::create_dir(&saved).unwrap();
    std::fs::write(saved.join("a.html"), PAGE).unwrap();
    std::os::unix::fs::symlink("gone.html", saved.join("b.html")).unwrap();
    std::fs::write(saved.join("c.html"), PAGE).unwrap();
    let out = declutter(&["saved", "--out-dir", "out"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("b.html"), "{}", stderr(&out));
    assert_eq!(file_names(&dir.path().join("out")), ["a.md", "c.md"]);
}

/// Runs `mount` (root only; skipped with a printed line elsewhere).
fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn unmount(dir: &Path) {
    let _ = Command::new("umount").arg(dir).output();
}

/// A folder writes fail in: mode 0555, or, for root (who ignores modes), a
/// read-only tmpfs. `None` when neither can be had.
fn unwritable(dir: &Path) -> Option<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), "x").is_err() {
        return Some(());
    }
    std::fs::remove_file(dir.join("probe")).unwrap();
    let path = dir.to_str().unwrap();
    mount(&["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", path]).then_some(())
}

#[test]
fn an_unwritable_output_folder_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    let out_dir = dir.path().join("out");
    if unwritable(&out_dir).is_none() {
        println!("skipped: cannot make an unwritable folder (root without mount)");
        return;
    }
    let out = declutter(&["page.html", "-o", "out/page.md"], dir.path());
    unmount(&out_dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("page.md"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_full_disk_fails_the_write_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    if !mount(&[
        "-t",
        "tmpfs",
        "-o",
        "size=64k",
        "tmpfs",
        out_dir.to_str().unwrap(),
    ]) {
        println!("skipped: cannot mount a tiny tmpfs (needs root and mount)");
        return;
    }
    let body = "<p>A long paragraph of the article, repeated to fill the disk.</p>".repeat(4000);
    let big = format!("<html><body><article><h1>Big</h1>{body}</article></body></html>");
    std::fs::write(dir.path().join("big.html"), big).unwrap();
    std::fs::write(dir.path().join("small.html"), PAGE).unwrap();
    let out = declutter(&["big.html", "small.html", "--out-dir", "out"], dir.path());
    let names = file_names(&out_dir);
    unmount(&out_dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("big.md"), "{}", stderr(&out));
    assert_eq!(names, ["small.md"], "no partial or temporary file");
}
