import Foundation

enum Secrets {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let digitaloceanToken = "dop_v1_«h64»"
}
