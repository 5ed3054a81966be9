import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let pypiApiToken = """
    pypi-AgEIcHlwaS5vcmc«u80»
    """
}
