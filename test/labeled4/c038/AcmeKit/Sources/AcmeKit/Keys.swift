import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let telegramBotToken = """
    your-api-key-here
    """
}
