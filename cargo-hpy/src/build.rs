//! `cargo hpy build`: compile the crate, check the binary, and write the universal wheel.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::{ABIS, BuildArgs};
use crate::compile::build_cdylib;
use crate::elf::SharedLibrary;
use crate::project::{Crate, find_manifest};
use crate::stub::{binary_file_name, stub_source};
use crate::symbols::check_universal_module;
use crate::timestamp::source_date_epoch;
use crate::wheel::Wheel;
use crate::wheel::metadata::HPY_REQUIREMENT;
use crate::wheel::tags::WheelTags;
use crate::{cargo_fields, manylinux};

/// Runs `cargo hpy build` and returns the wheel's path.
pub fn run(args: &BuildArgs) -> Result<PathBuf> {
    check_abi(&args.abi)?;
    let manifest = match &args.cargo.manifest_path {
        Some(path) => path.clone(),
        None => find_manifest(&std::env::current_dir()?)?,
    };
    let krate = Crate::load(&manifest)?;
    let module = krate.lib_name.clone();

    let library_path = build_cdylib(&krate, &args.cargo)?;
    let library = SharedLibrary::read(&library_path)?;
    check_universal_module(&library, &module)
        .map_err(|e| e.context(format!("{} cannot be packaged", library_path.display())))?;

    let mut metadata = cargo_fields::metadata_from_cargo(&krate.package)?;
    metadata.requires_dist.insert(0, HPY_REQUIREMENT.to_string());
    let platforms = manylinux::platform_tags(&library)
        .map_err(|e| e.context(format!("{} cannot be packaged", library_path.display())))?;
    let tags = WheelTags { platforms };
    let mut wheel = Wheel::new(metadata, tags);
    wheel.add(&binary_file_name(&module), fs_err::read(&library_path)?, true)?;
    wheel.add(&format!("{module}.py"), stub_source(&module).into_bytes(), false)?;

    let out = args.out.clone().unwrap_or_else(|| krate.target_dir.join("wheels"));
    wheel.write(&out, source_date_epoch()?)
}

/// Fails unless `abi` is one cargo-hpy builds.
pub fn check_abi(abi: &str) -> Result<()> {
    if !ABIS.contains(&abi) {
        bail!("unknown --abi '{abi}': cargo-hpy builds universal HPy modules only");
    }
    Ok(())
}
