import Foundation

enum Constants {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let mailgunApiKey = "«h32»-«h8»-«h8»"
}
