//! Regenerates the repository's sample campaign: campaign.toml, submissions/
//! and submissions/received.toml. Run from the repository root:
//! `cargo run --example sample_campaign`.

#[path = "../tests/sample/generate.rs"]
mod generate;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let submissions = root.join("submissions");
    if submissions.exists() {
        std::fs::remove_dir_all(&submissions).expect("remove the old sample");
    }
    generate::write(root);
    println!("wrote the sample campaign under {}", root.display());
}
