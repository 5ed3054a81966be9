import Foundation

enum Keys {
    static let endpoint = URL(string: "https://api.acme.dev")!
    static let sqlConnection = """
    Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=billing;User ID=billing_app;Password=«A16»«d2»!;Encrypt=True;
    """
}
