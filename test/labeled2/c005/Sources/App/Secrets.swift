import Foundation

enum Secrets {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let jwtSecret = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
}
