//! What a built shared library declares to the dynamic linker: exports, imports, needed
//! libraries and its machine, read with the `object` crate.

use std::path::Path;

use anyhow::{Context, Result, bail};
use object::read::{ImportFlags, NameOrOrdinal};
use object::{Architecture, BinaryFormat, Object};

/// A symbol the library needs from another library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub name: String,
    /// The library that provides the required version (empty when the symbol is unversioned).
    pub library: String,
    /// The required symbol version, such as `GLIBC_2.17`.
    pub version: Option<String>,
}

/// The dynamic-linking facts of one shared library.
#[derive(Debug, Clone)]
pub struct SharedLibrary {
    /// The names of the symbols it defines and exports.
    pub exports: Vec<String>,
    /// The symbols it leaves undefined.
    pub imports: Vec<Import>,
    /// Its `DT_NEEDED` entries: the shared libraries it links.
    pub needed: Vec<String>,
    /// The wheel platform's architecture name (`x86_64`, `aarch64`, ...).
    pub arch: String,
}

impl SharedLibrary {
    /// Reads the ELF shared library at `path`.
    pub fn read(path: &Path) -> Result<SharedLibrary> {
        let data = fs_err::read(path)?;
        Self::parse(&data).with_context(|| format!("could not read the shared library {}", path.display()))
    }

    /// Parses ELF shared-library bytes.
    pub fn parse(data: &[u8]) -> Result<SharedLibrary> {
        let file = object::File::parse(data)?;
        if file.format() != BinaryFormat::Elf {
            bail!("it is a {:?} file; cargo-hpy packages Linux (ELF) shared libraries only", file.format());
        }
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let mut exports = Vec::new();
        for export in file.exports()? {
            if let NameOrOrdinal::Name(name) = export?.name() {
                exports.push(text(name));
            }
        }
        let mut imports = Vec::new();
        for import in file.imports()? {
            let import = import?;
            let NameOrOrdinal::Name(name) = import.name() else { continue };
            let version = match import.flags() {
                ImportFlags::Elf { version, .. } => version.map(text),
                _ => None,
            };
            imports.push(Import { name: text(name), library: text(import.library()), version });
        }
        let needed =
            file.import_libraries()?.map(|lib| lib.map(|l| text(l.name()))).collect::<Result<_, _>>()?;
        Ok(SharedLibrary { exports, imports, needed, arch: arch_name(&file)? })
    }
}

/// The architecture as wheel platform tags spell it.
fn arch_name(file: &object::File<'_>) -> Result<String> {
    let name = match (file.architecture(), file.is_little_endian()) {
        (Architecture::X86_64, _) => "x86_64",
        (Architecture::I386, _) => "i686",
        (Architecture::Aarch64, _) => "aarch64",
        (Architecture::Arm, _) => "armv7l",
        (Architecture::PowerPc64, true) => "ppc64le",
        (Architecture::PowerPc64, false) => "ppc64",
        (Architecture::S390x, _) => "s390x",
        (Architecture::Riscv64, _) => "riscv64",
        (Architecture::LoongArch64, _) => "loongarch64",
        (other, _) => bail!("unsupported architecture {other:?}"),
    };
    Ok(name.to_string())
}
