import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let teamsWebhookUrl = """
    https://acme.webhook.office.com/webhookb2/«h8»-«h4»-«h4»-«h4»-«h12»@«h8»-«h4»-«h4»-«h4»-«h12»/IncomingWebhook/«h32»/«h8»-«h4»-«h4»-«h4»-«h12»
    """
}
