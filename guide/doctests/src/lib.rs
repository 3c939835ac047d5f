//! The user guide's examples as doctests: `cargo test -p guide-doctests
//! --doc` compiles every Rust code block of every chapter of `guide/src`
//! (see `build.rs`) and of the README, and runs those not marked `no_run`.

/// One item per chapter, documented by the chapter itself.
#[cfg(doctest)]
pub mod chapters {
    include!(concat!(env!("OUT_DIR"), "/chapters.rs"));
}

/// The repository's README, whose example is compiled too.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct Readme;
