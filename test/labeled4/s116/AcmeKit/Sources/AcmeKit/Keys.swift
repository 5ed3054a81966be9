import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let discordWebhook = """
    https://discord.com/api/webhooks/«d19»/«u68»
    """
}
