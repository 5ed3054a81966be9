RSpec.describe User do
  it "authenticates" do
    user = User.create!(email: "a@example.com", password: "password", password_confirmation: "password")
    expect(user.authenticate("password")).to be_truthy
  end
end
