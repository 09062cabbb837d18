fn main() {
    std::process::exit(hotline_reply::run());
}
