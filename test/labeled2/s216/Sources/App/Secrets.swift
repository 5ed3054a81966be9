import Foundation

enum Secrets {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let stripeSecretKey = "sk_live_«A99»"
}
