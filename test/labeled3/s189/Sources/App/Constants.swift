import Foundation

enum Constants {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let slackAppToken = "xapp-1-A«U10»-«d13»-«h64»"
}
