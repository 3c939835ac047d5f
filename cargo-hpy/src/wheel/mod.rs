//! Writing a wheel (PEP 427): the files, then `.dist-info` last with METADATA, WHEEL,
//! entry points, licenses and RECORD; sorted entries and fixed times and permissions.

pub mod archive;
pub mod metadata;
pub mod record;
pub mod tags;

use std::collections::BTreeMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use self::metadata::{CoreMetadata, escaped_name};
use self::tags::WheelTags;

/// The contents of a wheel, collected before it is written.
#[derive(Debug)]
pub struct Wheel {
    pub metadata: CoreMetadata,
    pub tags: WheelTags,
    /// The contents of `entry_points.txt`, if any.
    pub entry_points: Option<String>,
    /// Archive path -> (bytes, executable?), outside `.dist-info`.
    files: BTreeMap<String, (Vec<u8>, bool)>,
    /// License files, by path under `.dist-info/licenses/`.
    licenses: BTreeMap<String, Vec<u8>>,
}

impl Wheel {
    pub fn new(metadata: CoreMetadata, tags: WheelTags) -> Wheel {
        Wheel { metadata, tags, entry_points: None, files: BTreeMap::new(), licenses: BTreeMap::new() }
    }

    /// Adds a file at `path` (with `/` separators) in the wheel.
    pub fn add(&mut self, path: &str, data: Vec<u8>, executable: bool) -> Result<()> {
        if path.starts_with('/') || path.split('/').any(|part| part.is_empty() || part == "..") {
            bail!("invalid path in wheel: '{path}'");
        }
        if path.split('/').next().is_some_and(|top| top.ends_with(".dist-info")) {
            bail!("'{path}' would be inside the wheel's .dist-info folder");
        }
        if self.files.insert(path.to_string(), (data, executable)).is_some() {
            bail!("two files would be written to '{path}' in the wheel");
        }
        Ok(())
    }

    /// Adds a license file, stored as `.dist-info/licenses/<path>`.
    pub fn add_license(&mut self, path: &str, data: Vec<u8>) {
        self.metadata.license_files.push(path.to_string());
        self.licenses.insert(path.to_string(), data);
    }

    /// `{name}-{version}`, as the file name and `.dist-info` folder spell it.
    pub fn distribution(&self) -> String {
        format!("{}-{}", escaped_name(&self.metadata.name), self.metadata.version.replace('-', "_"))
    }

    /// The wheel's file name.
    pub fn file_name(&self) -> String {
        format!("{}-{}.whl", self.distribution(), self.tags.compressed())
    }

    /// The `.dist-info` folder's path in the archive.
    pub fn dist_info(&self) -> String {
        format!("{}.dist-info", self.distribution())
    }

    /// The `.dist-info` files that describe the distribution, whatever the build: METADATA,
    /// entry points and licenses (without WHEEL and RECORD).
    pub fn metadata_files(&self) -> BTreeMap<String, Vec<u8>> {
        let dist_info = self.dist_info();
        let mut info: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        info.insert(format!("{dist_info}/METADATA"), self.metadata.render().into_bytes());
        if let Some(entry_points) = &self.entry_points {
            info.insert(format!("{dist_info}/entry_points.txt"), entry_points.clone().into_bytes());
        }
        for (path, data) in &self.licenses {
            info.insert(format!("{dist_info}/licenses/{path}"), data.clone());
        }
        info
    }

    /// The archive entries in order: the files, then `.dist-info` with RECORD last.
    pub fn entries(&self) -> Result<Vec<(String, Vec<u8>, bool)>> {
        let dist_info = self.dist_info();
        let mut entries: Vec<(String, Vec<u8>, bool)> =
            self.files.iter().map(|(path, (data, exe))| (path.clone(), data.clone(), *exe)).collect();
        let mut info = self.metadata_files();
        info.insert(format!("{dist_info}/WHEEL"), self.tags.wheel_file().into_bytes());
        entries.extend(info.into_iter().map(|(path, data)| (path, data, false)));
        let record_path = format!("{dist_info}/RECORD");
        let record =
            record::record(entries.iter().map(|(p, d, _)| (p.as_str(), d.as_slice())), &record_path)?;
        entries.push((record_path, record.into_bytes(), false));
        Ok(entries)
    }

    /// Writes the wheel into `out_dir` (created if needed) and returns its path.
    pub fn write(&self, out_dir: &Path, epoch: u64) -> Result<PathBuf> {
        fs_err::create_dir_all(out_dir)?;
        let path = out_dir.join(self.file_name());
        let partial = out_dir.join(format!(".{}.partial", self.file_name()));
        let entries = self.entries()?;
        let borrowed: Vec<(&str, &[u8], bool)> =
            entries.iter().map(|(p, d, e)| (p.as_str(), d.as_slice(), *e)).collect();
        let file = fs_err::File::create(&partial)?;
        let writer = archive::write_zip(BufWriter::new(file), &borrowed, epoch)
            .with_context(|| format!("could not write {}", partial.display()))?;
        writer.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs_err::rename(&partial, &path)?;
        Ok(path)
    }
}
