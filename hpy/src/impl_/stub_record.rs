//! The stub records the macros leave in the built library, for `cargo hpy`
//! to write `.pyi` files from.
//!
//! A record is text built at compile time from [`Part`]s (fixed text, the
//! [`TypeHint`] of a conversion, other records), stored by the module's
//! `#[hpy_module]` as one `#[used]` byte array in the `hpy_stubs` section:
//! data only, nothing runs at run time, and nothing points anywhere (no
//! relocations), so `cargo hpy` reads it from the file for any target.
//!
//! The text is one line per item, fields separated by tabs; the grammar is
//! written by `hpy-macros-backend/src/emit/stub_records.rs` and read by
//! `cargo-hpy/src/stub_section.rs`.
//!
//! The type of a parameter is found from its type as its extraction is
//! ([`ArgProbe`](super::ArgProbe)): `ArgProbe::<P>::TYPE_HINT` is the class
//! of `&T`/`&mut T` when `T` is a class (an inherent constant, which wins),
//! or [`FromHPy::TYPE_HINT`] through [`ValueHint`] for any other type.

use super::ArgProbe;
use crate::FromHPy;
use crate::class::HPyClass;
use crate::conversion::TypeHint;

/// The name of the data section holding the records.
pub const SECTION: &str = "hpy_stubs";

/// A piece of a record.
#[derive(Clone, Copy)]
pub enum Part {
    /// Text written as it is.
    Text(&'static str),
    /// A Python type.
    Type(&'static TypeHint),
    /// The parts of another record (a class's methods).
    Nested(&'static [Part]),
}

/// Writes `parts` into `out` from `pos` (as much as fits), returning the
/// position after them.
const fn write(parts: &[Part], out: &mut [u8], mut pos: usize) -> usize {
    let mut i = 0;
    while i < parts.len() {
        pos = match parts[i] {
            Part::Text(text) => {
                let bytes = text.as_bytes();
                let mut j = 0;
                while j < bytes.len() {
                    if pos + j < out.len() {
                        out[pos + j] = bytes[j];
                    }
                    j += 1;
                }
                pos + bytes.len()
            }
            Part::Type(hint) => hint.write(out, pos),
            Part::Nested(inner) => write(inner, out, pos),
        };
        i += 1;
    }
    pos
}

/// The length of the text of `parts`.
pub const fn record_len(parts: &[Part]) -> usize {
    write(parts, &mut [], 0)
}

/// The text of `parts`, `N` (= [`record_len`]) bytes long.
pub const fn record<const N: usize>(parts: &[Part]) -> [u8; N] {
    let mut out = [0u8; N];
    write(parts, &mut out, 0);
    out
}

impl<T: HPyClass> ArgProbe<&T> {
    /// A class borrowed as an argument: the class.
    pub const TYPE_HINT: TypeHint = TypeHint::Class(T::NAME);
}

impl<T: HPyClass> ArgProbe<&mut T> {
    /// A class borrowed mutably as an argument: the class.
    pub const TYPE_HINT: TypeHint = TypeHint::Class(T::NAME);
}

/// The type hint of an argument converted by value: its [`FromHPy`]'s.
pub trait ValueHint {
    /// See [`FromHPy::TYPE_HINT`].
    const TYPE_HINT: TypeHint;
}

impl<'a, 'ctx, P: FromHPy<'a, 'ctx>> ValueHint for ArgProbe<P> {
    const TYPE_HINT: TypeHint = P::TYPE_HINT;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_concatenate_text_types_and_nested_records() {
        const INNER: &[Part] = &[Part::Text("b\t"), Part::Type(&TypeHint::ListOf(&TypeHint::Name("int")))];
        const PARTS: &[Part] = &[Part::Text("a\n"), Part::Nested(INNER), Part::Text("\n")];
        static RECORD: [u8; record_len(PARTS)] = record(PARTS);
        assert_eq!(core::str::from_utf8(&RECORD).unwrap(), "a\nb\tlist[int]\n");
    }

    #[test]
    fn arguments_are_hinted_by_their_extraction() {
        const STR: TypeHint = ArgProbe::<&'static str>::TYPE_HINT;
        const OPT: TypeHint = ArgProbe::<Option<Vec<i64>>>::TYPE_HINT;
        let text = |hint: &TypeHint| {
            let mut out = vec![0; hint.len()];
            hint.write(&mut out, 0);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(text(&STR), "str");
        assert_eq!(text(&OPT), "typing.Sequence[int] | None");
    }
}
