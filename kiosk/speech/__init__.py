"""Reading aloud: espeak-ng through pyttsx3 renders WAV clips off the UI thread; Qt plays them."""
