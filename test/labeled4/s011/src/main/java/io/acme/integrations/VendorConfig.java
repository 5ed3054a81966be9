package io.acme.integrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class VendorConfig {
    private static final String GEMINI_API_KEY =
        "AIza«u35»";

    @Bean
    public VendorClient vendorClient() {
        return new VendorClient(GEMINI_API_KEY);
    }
}
