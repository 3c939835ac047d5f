//! Wheel compatibility tags (PEP 425) and the `WHEEL` file.
//!
//! A universal HPy module runs on any Python 3 with an HPy 0.9 loader, whatever its C API,
//! so its wheel is tagged `py3-none-<platform>`: only the platform (OS, libc, CPU) matters.
//! A CPython-ABI module is a CPython extension of one version: `cp311-cp311-<platform>`.

/// The tags of a wheel: `<python>-<abi>-<platform>` for each platform tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WheelTags {
    /// The Python tag: `py3` (universal) or `cp311`.
    pub python: String,
    /// The ABI tag: `none` (universal) or `cp311` (`cp311d` for a debug CPython).
    pub abi: String,
    /// Platform tags, most specific first (e.g. `manylinux_2_17_x86_64`, `manylinux2014_x86_64`).
    pub platforms: Vec<String>,
}

impl WheelTags {
    /// The tags of a universal wheel for `platforms`.
    pub fn universal(platforms: Vec<String>) -> WheelTags {
        WheelTags { python: "py3".into(), abi: "none".into(), platforms }
    }

    /// The compressed tag set used in the wheel's file name: `py3-none-a.b`.
    pub fn compressed(&self) -> String {
        format!("{}-{}-{}", self.python, self.abi, self.platforms.join("."))
    }

    /// Each expanded tag, one per platform.
    pub fn expanded(&self) -> impl Iterator<Item = String> + '_ {
        self.platforms.iter().map(|p| format!("{}-{}-{p}", self.python, self.abi))
    }

    /// The contents of the `WHEEL` file.
    pub fn wheel_file(&self) -> String {
        let mut text = format!(
            "Wheel-Version: 1.0\nGenerator: cargo-hpy ({})\nRoot-Is-Purelib: false\n",
            env!("CARGO_PKG_VERSION")
        );
        for tag in self.expanded() {
            text.push_str(&format!("Tag: {tag}\n"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wheel_file_lists_every_tag() {
        let tags = WheelTags::universal(vec!["manylinux_2_17_x86_64".into(), "manylinux2014_x86_64".into()]);
        assert_eq!(tags.compressed(), "py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64");
        let wheel = tags.wheel_file();
        assert!(wheel.starts_with("Wheel-Version: 1.0\nGenerator: cargo-hpy ("));
        assert!(wheel.contains("Root-Is-Purelib: false\n"));
        assert!(wheel.ends_with("Tag: py3-none-manylinux_2_17_x86_64\nTag: py3-none-manylinux2014_x86_64\n"));
    }

    #[test]
    fn cpython_abi_wheels_carry_the_version_tags() {
        let tags =
            WheelTags { python: "cp311".into(), abi: "cp311".into(), platforms: vec!["linux_x86_64".into()] };
        assert_eq!(tags.compressed(), "cp311-cp311-linux_x86_64");
        assert!(tags.wheel_file().ends_with("Tag: cp311-cp311-linux_x86_64\n"));
    }
}
