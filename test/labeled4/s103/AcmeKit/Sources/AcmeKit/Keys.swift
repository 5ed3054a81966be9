import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let dopplerToken = """
    dp.st.prd.«A43»
    """
}
