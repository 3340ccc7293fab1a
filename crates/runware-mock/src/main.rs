use clap::Parser;
use runware_mock::Config;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cfg = Config::parse();
    let server = runware_mock::spawn(cfg.clone()).await?;
    println!(
        "runware-mock: playing Runware (Kling IMAGE O1) on {} (API at {}/v1, controls under /__mock/, key {})",
        server.url(),
        server.url(),
        if cfg.api_key.is_some() { "required" } else { "any non-empty" }
    );
    tokio::select! {
        _ = server.handle => {}
        _ = tokio::signal::ctrl_c() => println!("runware-mock: stopping"),
    }
    Ok(())
}
