//! The stub records a module built with hpy-rs carries in its `hpy_stubs` data section
//! (written by `hpy-macros-backend/src/emit/stub_records.rs`), read from the built library with
//! the `object` crate, for any target, without running Python.

use anyhow::{Context, Result, bail};
use object::{Object, ObjectSection};

/// The name of the data section.
pub const SECTION: &str = "hpy_stubs";

/// A function or method: `def <name>(<params>) -> <returns>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Def {
    /// `function`, `method`, `staticmethod`, `classmethod`, `new` or `slot`.
    pub kind: String,
    pub name: String,
    /// The parameters as Python writes them, without `self`/`cls`.
    pub params: String,
    pub returns: String,
}

/// A property: the getter's type and, if it can be set, the setter's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Property {
    pub getter: Option<String>,
    pub setter: Option<String>,
}

/// A class or exception.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Class {
    pub name: String,
    pub base: String,
    /// Python cannot subclass it.
    pub is_final: bool,
    /// Python can subclass it, but a class cannot derive from it and another disjoint base
    /// (its instances have a layout of their own: PEP 800).
    pub is_disjoint: bool,
    /// The metaclass, if not `type`.
    pub metaclass: Option<String>,
    pub defs: Vec<Def>,
    pub properties: Vec<(String, Property)>,
    /// Class attributes: (name, type).
    pub attrs: Vec<(String, String)>,
}

/// Everything the records say about one module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleStub {
    pub name: String,
    pub functions: Vec<Def>,
    pub classes: Vec<Class>,
    /// Module attributes: (name, type).
    pub attrs: Vec<(String, String)>,
}

/// The stub of module `module` (its short name) from the library bytes `data`; `None` when
/// the library has no records (built with an older hpy) or none for this module.
pub fn read(data: &[u8], module: &str) -> Result<Option<ModuleStub>> {
    let file = object::File::parse(data).context("could not read the shared library")?;
    let Some(section) = file.section_by_name(SECTION) else { return Ok(None) };
    let bytes = section.data().context("could not read the stub records")?;
    let text = String::from_utf8_lossy(bytes).replace('\0', "");
    Ok(parse(&text)?.into_iter().find(|m| m.name == module))
}

/// Every module the records describe.
pub fn parse(text: &str) -> Result<Vec<ModuleStub>> {
    let mut modules: Vec<ModuleStub> = Vec::new();
    let mut class: Option<Class> = None;
    for (index, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = || format!("stub record {}: {line:?}", index + 1);
        let field = |i: usize| fields.get(i).map(|s| s.to_string()).with_context(bad);
        match fields[0] {
            "" => continue,
            "module" => modules.push(ModuleStub { name: field(1)?, ..ModuleStub::default() }),
            "class" => {
                let finality = field(3)?;
                let metaclass = fields.get(4).filter(|m| !m.is_empty()).map(|m| m.to_string());
                class = Some(Class {
                    name: field(1)?,
                    base: field(2)?,
                    is_final: finality == "final",
                    is_disjoint: finality == "disjoint",
                    metaclass,
                    ..Class::default()
                });
            }
            "end" => {
                let module = modules.last_mut().with_context(bad)?;
                if let Some(done) = class.take() {
                    module.classes.push(done);
                }
            }
            "def" => {
                let def = Def { kind: field(1)?, name: field(2)?, params: field(3)?, returns: field(4)? };
                match &mut class {
                    Some(class) => class.defs.push(def),
                    None => modules.last_mut().with_context(bad)?.functions.push(def),
                }
            }
            kind @ ("getter" | "setter") => {
                let class = class.as_mut().with_context(bad)?;
                let name = field(1)?;
                let index = match class.properties.iter().position(|(n, _)| *n == name) {
                    Some(index) => index,
                    None => {
                        class.properties.push((name, Property::default()));
                        class.properties.len() - 1
                    }
                };
                let property = &mut class.properties[index].1;
                let slot = if kind == "getter" { &mut property.getter } else { &mut property.setter };
                slot.get_or_insert(field(2)?);
            }
            "attr" => {
                let attr = (field(1)?, field(2)?);
                match &mut class {
                    Some(class) => class.attrs.push(attr),
                    None => modules.last_mut().with_context(bad)?.attrs.push(attr),
                }
            }
            _ => bail!("unknown {}", bad()),
        }
    }
    Ok(modules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_modules_classes_and_properties() {
        let text = "module\tdemo\nclass\tPanicException\tBaseException\topen\nend\n\
                    def\tfunction\tadd\ta: int, b: int\tint\n\
                    class\tPoint\tobject\tfinal\ndef\tnew\t__new__\tx: float\tNone\n\
                    getter\tx\tfloat\nsetter\tx\tfloat\ngetter\ty\tfloat\nattr\tORIGIN\tPoint\nend\nend\n";
        let modules = parse(text).unwrap();
        assert_eq!(modules.len(), 1);
        let m = &modules[0];
        assert_eq!(m.name, "demo");
        assert_eq!(m.functions[0].params, "a: int, b: int");
        assert_eq!(m.classes.len(), 2);
        let point = &m.classes[1];
        assert!(point.is_final);
        assert_eq!(point.defs[0].name, "__new__");
        assert_eq!(point.properties[0].1.setter.as_deref(), Some("float"));
        assert_eq!(point.properties[1].1.setter, None);
        assert_eq!(point.attrs, [("ORIGIN".to_string(), "Point".to_string())]);
    }

    #[test]
    fn refuses_unknown_records() {
        assert!(parse("module\tdemo\nwhat\tever\n").is_err());
    }

    #[test]
    fn a_library_without_the_section_has_no_stub() {
        let me = fs_err::read(std::env::current_exe().unwrap()).unwrap();
        assert_eq!(read(&me, "demo").unwrap(), None);
    }
}
