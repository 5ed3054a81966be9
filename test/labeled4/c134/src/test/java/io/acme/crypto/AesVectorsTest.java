class AesVectorsTest {
    // NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt
    private static final String KEY_128 = "«ex:nist-aes128»";
    // F.1.5 ECB-AES256.Encrypt
    private static final String KEY_256 = "«ex:nist-aes256»";
}
