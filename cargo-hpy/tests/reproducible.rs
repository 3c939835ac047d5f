//! Two builds of the same sources give byte-identical wheels and sdists; the archives are
//! laid out as the wheel spec asks (sorted, `.dist-info` last, RECORD last).

mod common;

use common::{build_wheel, cargo_hpy, fixture, fresh_dir, last_line_path, run_ok, wheel_files};

#[test]
fn two_wheel_builds_are_byte_identical() {
    // Two complete builds, each in a target folder of its own (the shared one may hold
    // another copy's library of the same crate).
    let dir = fixture("mixed");
    let manifest = dir.join("Cargo.toml");
    let build = |label: &str| {
        let out = fresh_dir(label);
        let args = ["build", "--manifest-path", manifest.to_str().unwrap(), "--out", out.to_str().unwrap()];
        last_line_path(&run_ok(cargo_hpy(&args).env("CARGO_TARGET_DIR", out.join("target"))))
    };
    let (first, second) = (build("repro-a"), build("repro-b"));
    assert_ne!(first, second, "the two wheels are separate files");
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
}

#[test]
fn source_date_epoch_sets_every_timestamp() {
    let dir = fixture("mixed");
    let out = fresh_dir("epoch");
    let manifest = dir.join("Cargo.toml");
    let args = ["build", "--manifest-path", manifest.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let wheel = last_line_path(&run_ok(cargo_hpy(&args).env("SOURCE_DATE_EPOCH", "1700000000")));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&wheel).unwrap()).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let time = file.last_modified().unwrap();
        // 1700000000 is 2023-11-14 22:13:20 UTC.
        assert_eq!(
            (time.year(), time.month(), time.day(), time.hour()),
            (2023, 11, 14, 22),
            "{}",
            file.name()
        );
        let mode = file.unix_mode().unwrap() & 0o777;
        assert!(mode == 0o644 || mode == 0o755, "{}: mode {mode:o}", file.name());
    }
}

#[test]
fn wheel_entries_are_sorted_with_dist_info_last() {
    let dir = fixture("mixed");
    let names: Vec<String> =
        wheel_files(&build_wheel(&dir.join("Cargo.toml"), &[])).into_iter().map(|(n, _)| n).collect();
    let split = names.iter().position(|n| n.contains(".dist-info/")).unwrap();
    let (files, info) = names.split_at(split);
    assert!(files.windows(2).all(|w| w[0] < w[1]), "{files:?}");
    assert!(info.iter().all(|n| n.starts_with("mixed_pkg-1.2.3rc1.dist-info/")), "{info:?}");
    assert_eq!(info.last().unwrap(), "mixed_pkg-1.2.3rc1.dist-info/RECORD");
}

#[test]
fn two_sdists_are_byte_identical() {
    let dir = fixture("mixed");
    let manifest = dir.join("Cargo.toml");
    let sdist = |label: &str| {
        let out = fresh_dir(label);
        let args = ["sdist", "--manifest-path", manifest.to_str().unwrap(), "--out", out.to_str().unwrap()];
        last_line_path(&run_ok(&mut cargo_hpy(&args)))
    };
    let (first, second) = (sdist("sdist-a"), sdist("sdist-b"));
    assert_eq!(std::fs::read(first).unwrap(), std::fs::read(second).unwrap());
}
