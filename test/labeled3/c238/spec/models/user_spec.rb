let(:user) { User.new(email: "a@b.c", password: "foobar", api_token: "token") }
