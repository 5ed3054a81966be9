import Foundation

enum Secrets {
    static let baseURL = URL(string: "https://api.acme.io")!
    static let azureStorageConnectionString = "DefaultEndpointsProtocol=https;AccountName=acmeprod«d3»;AccountKey=«b86»==;EndpointSuffix=core.windows.net"
}
