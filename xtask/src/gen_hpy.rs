//! Renders the parts of the safe `hpy` crate that follow the table one for
//! one: an accessor on `Ctx` for every context handle, and a marker type for
//! every builtin exception and warning.

use crate::abi::{Abi, Member};
use std::fmt::Write;

/// `OSError` -> `os_error`, `MemoryViewType` -> `memory_view_type`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev_lower = chars[i - 1].is_ascii_lowercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev_lower || (chars[i - 1].is_ascii_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    match out.as_str() {
        "true" | "false" => out + "_",
        _ => out,
    }
}

fn handles(abi: &Abi) -> impl Iterator<Item = (usize, &str)> {
    abi.context.iter().filter_map(|m| match m {
        Member::Handle { id, name } => Some((*id, name.as_str())),
        Member::Function { .. } => None,
    })
}

/// The exception and warning handles: `BaseException` through `ResourceWarning`.
fn exceptions(abi: &Abi) -> Vec<&str> {
    let names: Vec<&str> = handles(abi).map(|(_, n)| n).collect();
    let first = names.iter().position(|n| *n == "BaseException").expect("the table has BaseException");
    let last = names.iter().position(|n| *n == "ResourceWarning").expect("the table has ResourceWarning");
    names[first..=last].to_vec()
}

fn describe(name: &str) -> String {
    match name {
        "None" | "True" | "False" | "NotImplemented" | "Ellipsis" => format!("`{name}`"),
        "Builtins" => "the dict of builtins (`builtins.__dict__`)".into(),
        "BaseObjectType" => "the type `object`".into(),
        "TypeType" => "the type `type`".into(),
        n if n.ends_with("Type") => format!("the type `{}`", python_type_name(&n[..n.len() - 4])),
        n => format!("the exception `{n}`"),
    }
}

fn python_type_name(stem: &str) -> &str {
    match stem {
        "Bool" => "bool",
        "Long" => "int",
        "Float" => "float",
        "Unicode" => "str",
        "Tuple" => "tuple",
        "List" => "list",
        "Complex" => "complex",
        "Bytes" => "bytes",
        "MemoryView" => "memoryview",
        "Capsule" => "PyCapsule",
        "Slice" => "slice",
        other => other,
    }
}

pub fn constants_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! The context's handles: builtin constants, exception types and types.\n\n\
         use crate::{Borrowed, Ctx};\n\n\
         /// The context constants. They are borrowed: returning one from a function dups it,\n\
         /// as HPy requires, and none of them can be closed.\n\
         impl<'ctx> Ctx<'ctx> {\n",
    );
    for (id, name) in handles(abi) {
        writeln!(
            out,
            "    /// {} (context member {id}, `h_{name}`).\n    #[inline(always)]\n    \
             pub fn {}(self) -> Borrowed<'ctx, 'ctx> {{\n        \
             // SAFETY: context constants are open for as long as the context.\n        \
             unsafe {{ self.borrow_raw(hpy_sys::h_{name}(self.as_raw())) }}\n    }}\n",
            describe(name),
            snake_case(name)
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

pub fn exceptions_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! The builtin exception and warning types (see `error/exceptions.rs`).\n\n\
         use crate::HPyErr;\n\
         use crate::exceptions::{ExcType, ExceptionType};\n\
         use std::borrow::Cow;\n",
    );
    for name in exceptions(abi) {
        writeln!(
            out,
            "\n/// Python's `{name}`.\n#[derive(Clone, Copy, Debug)]\npub struct {name};\n\n\
             impl ExceptionType for {name} {{\n    \
             const NAME: &'static str = \"{name}\";\n\n    \
             #[inline]\n    fn exc_type() -> ExcType {{\n        ExcType::builtin(|ctx| ctx.{snake}(), \"{name}\")\n    }}\n}}\n\n\
             impl {name} {{\n    /// A new `{name}` with this message.\n    \
             pub fn new_err(msg: impl Into<Cow<'static, str>>) -> HPyErr {{\n        \
             HPyErr::new(Self::exc_type(), msg)\n    }}\n}}",
            snake = snake_case(name)
        )
        .unwrap();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("OSError"), "os_error");
        assert_eq!(snake_case("EOFError"), "eof_error");
        assert_eq!(snake_case("MemoryViewType"), "memory_view_type");
        assert_eq!(snake_case("True"), "true_");
        assert_eq!(snake_case("StopAsyncIteration"), "stop_async_iteration");
        assert_eq!(snake_case("None"), "none");
    }
}
