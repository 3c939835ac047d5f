//! The Python type of a conversion, for the `.pyi` stubs `cargo hpy`
//! generates: [`FromHPy::TYPE_HINT`](crate::FromHPy::TYPE_HINT) (what an
//! argument accepts) and [`IntoHPy::TYPE_HINT`](crate::IntoHPy::TYPE_HINT)
//! (what a return gives).
//!
//! A hint is a small tree built at compile time, so that generic
//! conversions compose it from their parameters' hints (`Vec<T>` is a list
//! of `T`'s hint); [`TypeHint::len`] and [`TypeHint::write`] render it as
//! Python source text in a `const` context, and the macros store the text
//! in a data section of the built library (nothing runs at run time).

/// The Python type of a converted value, as a stub names it.
#[derive(Debug, Clone, Copy)]
pub enum TypeHint {
    /// `typing.Any`: what a conversion says unless it knows better.
    Any,
    /// A builtin type or any other name written as it is (`int`, `str`,
    /// `None`, `os.PathLike[str]`).
    Name(&'static str),
    /// A class of the module, by its full type name (`module.Point`): the
    /// stub names it without the module.
    Class(&'static str),
    /// `list[T]`.
    ListOf(&'static TypeHint),
    /// `typing.Sequence[T]` (what an argument converted to a `Vec` accepts).
    SequenceOf(&'static TypeHint),
    /// `T | None`.
    Optional(&'static TypeHint),
    /// `tuple[A, B, ...]`.
    TupleOf(&'static [TypeHint]),
    /// `dict[K, V]`.
    DictOf(&'static TypeHint, &'static TypeHint),
    /// `A | B`.
    Union(&'static TypeHint, &'static TypeHint),
}

/// Copies `text` into `out` at `pos` (when `out` is long enough: the
/// length pass writes nothing), returning the position after it.
const fn put(out: &mut [u8], pos: usize, text: &[u8]) -> usize {
    let mut i = 0;
    while i < text.len() {
        if pos + i < out.len() {
            out[pos + i] = text[i];
        }
        i += 1;
    }
    pos + text.len()
}

/// The part of a full type name after its last dot.
const fn last_component(name: &str) -> &[u8] {
    let bytes = name.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        if bytes[i - 1] == b'.' {
            return bytes.split_at(i).1;
        }
        i -= 1;
    }
    bytes
}

impl TypeHint {
    /// The length of the rendered text.
    pub const fn len(&self) -> usize {
        self.write(&mut [], 0)
    }

    /// Whether the rendered text is empty (never).
    pub const fn is_empty(&self) -> bool {
        false
    }

    /// Writes the Python text into `out` from `pos` (as much as fits),
    /// returning the position after it.
    pub const fn write(&self, out: &mut [u8], pos: usize) -> usize {
        match *self {
            TypeHint::Any => put(out, pos, b"typing.Any"),
            TypeHint::Name(name) => put(out, pos, name.as_bytes()),
            TypeHint::Class(name) => put(out, pos, last_component(name)),
            TypeHint::ListOf(item) => Self::generic(out, pos, b"list[", &[*item]),
            TypeHint::SequenceOf(item) => Self::generic(out, pos, b"typing.Sequence[", &[*item]),
            TypeHint::Optional(item) => {
                let pos = item.write(out, pos);
                put(out, pos, b" | None")
            }
            TypeHint::TupleOf([]) => put(out, pos, b"tuple[()]"),
            TypeHint::TupleOf(items) => Self::generic(out, pos, b"tuple[", items),
            TypeHint::DictOf(key, value) => Self::generic(out, pos, b"dict[", &[*key, *value]),
            TypeHint::Union(a, b) => {
                let pos = a.write(out, pos);
                let pos = put(out, pos, b" | ");
                b.write(out, pos)
            }
        }
    }

    /// `head` (`list[`), the items separated by commas, `]`.
    const fn generic(out: &mut [u8], mut pos: usize, head: &[u8], items: &[TypeHint]) -> usize {
        pos = put(out, pos, head);
        let mut i = 0;
        while i < items.len() {
            if i > 0 {
                pos = put(out, pos, b", ");
            }
            pos = items[i].write(out, pos);
            i += 1;
        }
        put(out, pos, b"]")
    }
}

#[cfg(test)]
mod tests {
    use super::TypeHint;

    fn text(hint: &TypeHint) -> String {
        let mut out = vec![0; hint.len()];
        assert_eq!(hint.write(&mut out, 0), out.len());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn renders_python_types() {
        const INT: TypeHint = TypeHint::Name("int");
        assert_eq!(text(&TypeHint::Any), "typing.Any");
        assert_eq!(text(&TypeHint::Class("demo.Point")), "Point");
        assert_eq!(text(&TypeHint::ListOf(&INT)), "list[int]");
        assert_eq!(text(&TypeHint::Optional(&TypeHint::SequenceOf(&INT))), "typing.Sequence[int] | None");
        assert_eq!(text(&TypeHint::TupleOf(&[INT, TypeHint::Name("str")])), "tuple[int, str]");
        assert_eq!(text(&TypeHint::TupleOf(&[])), "tuple[()]");
        assert_eq!(text(&TypeHint::DictOf(&TypeHint::Name("str"), &INT)), "dict[str, int]");
    }
}
