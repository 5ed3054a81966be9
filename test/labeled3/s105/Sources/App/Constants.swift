import Foundation

enum Constants {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let vaultToken = "hvs.«u90»"
}
