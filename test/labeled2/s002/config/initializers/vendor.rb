# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.openai_api_key = "sk-proj-«u74»T3BlbkFJ«u74»"
end
