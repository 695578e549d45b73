# Sourced by bench/login.sh and bench/login-ab.sh: login_config DIR PORT writes DIR/config.toml for a shop on
# 127.0.0.1:PORT with a fresh SQLite file in DIR and the login rate limit out of the way; SERVE_FLAGS are the JVM flags
# the README recommends for serve (the bare-Javalin floor runs with them too).
SERVE_FLAGS="-XX:+UseSerialGC -Xms48m -Xmn32m -Xmx256m"
login_config() {
  cat > "$1/config.toml" <<TOML
[server]
host = "127.0.0.1"
port = $2
public_url = "http://127.0.0.1:$2"
[database]
url = "jdbc:sqlite:$1/hostr.db"
[auth]
session_secret = "bench-session-secret-0123456789abcdefghij"
login_rate_per_minute = 100000000
[strike]
api_key = "bench"
webhook_secret = "bench-webhook-secret"
[secrets]
encryption_key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
TOML
}
