//! Running commands: echoed, and failing with a useful message.

use std::process::Command;

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs `cmd` with inherited output; an error if it fails.
pub fn checked(cmd: &mut Command) -> Result<(), String> {
    let text = describe(cmd);
    eprintln!("+ {text}");
    let status = cmd.status().map_err(|e| format!("cannot run `{text}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{text}` failed ({status})")) }
}

/// Runs `cmd` and returns its standard output; an error if it fails.
pub fn output(cmd: &mut Command) -> Result<String, String> {
    let text = describe(cmd);
    eprintln!("+ {text}");
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run `{text}`: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("`{text}` failed ({})", out.status))
    }
}

/// Runs `cmd` with inherited output for at most `limit`: its exit status, or
/// an error if it cannot start or is still running then (it is killed).
pub fn status_within(
    cmd: &mut Command,
    limit: std::time::Duration,
) -> Result<std::process::ExitStatus, String> {
    let text = describe(cmd);
    eprintln!("+ {text}");
    let mut child = cmd.spawn().map_err(|e| format!("cannot run `{text}`: {e}"))?;
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {:.0?}", limit));
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}
