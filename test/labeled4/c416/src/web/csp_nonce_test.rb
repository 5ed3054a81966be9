it "renders the nonce" do
  get "/"
  expect(response.body).to include('nonce="«b22»=="')
end
