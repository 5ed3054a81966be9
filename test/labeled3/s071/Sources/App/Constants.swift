import Foundation

enum Constants {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let cloudflareApiToken = "«u40»"
}
