const fields = { passwordField: 'password', confirmField: 'password_confirmation', tokenField: 'otp' };
